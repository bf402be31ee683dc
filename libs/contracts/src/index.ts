export * from './application';
export * from './onboarding-api';
export * from './moderation';
