export * from './activities';
export * from './whole-path-activities';
export * from './first-head-activities';
