export * from './onboarding.workflow';
export * from './moderation-case.workflow';
