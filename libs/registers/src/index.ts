export * from './http-json';
export * from './mobile-citizen-registry';
export * from './records';
export * from './state-register-client';
