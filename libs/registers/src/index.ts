export * from './http-json';
export * from './mobile-citizen-registry';
