export * from './activities';
export * from './passwords';
export * from './portal-mail';
export * from './portal-links';
