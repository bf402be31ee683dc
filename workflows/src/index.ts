export * from './onboarding.workflow';
