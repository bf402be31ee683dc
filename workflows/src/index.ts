export * from './onboarding.workflow';
export * from './moderation-case.workflow';
export * from './crl-publication.workflow';
export * from './portal-account.workflow';
