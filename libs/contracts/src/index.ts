export * from './application';
export * from './onboarding-api';
