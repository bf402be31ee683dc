export * from './application';
export * from './onboarding-api';
export * from './moderation';
export * from './portal-accounts';
