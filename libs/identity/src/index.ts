export * from './check-digit';
export * from './iin';
export * from './bin';
export * from './masking';
