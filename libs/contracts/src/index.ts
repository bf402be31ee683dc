export * from './application';
export * from './onboarding-api';
export * from './moderation';
export * from './first-head';
export * from './portal-accounts';
