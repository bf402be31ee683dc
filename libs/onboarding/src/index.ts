export * from './activities';
export * from './whole-path-activities';
