export * from './payload-encryption-codec';
export * from './data-converter';
export * from './history-json';
