export * from './onboarding.workflow';
export * from './moderation-case.workflow';
export * from './crl-publication.workflow';
export * from './ocsp-responder.workflow';
export * from './first-head-approval.workflow';
export * from './portal-account.workflow';
