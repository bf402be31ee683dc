import type { ApiConfig } from '@app/config';

/** The validated configuration, provided once by AppModule. */
export const API_CONFIG = Symbol('API_CONFIG');
export type { ApiConfig };
