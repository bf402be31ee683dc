// The applicant driver lives in scripts/ so the whole-path benchmark drives the same steps; the tests import it from here.
export * from '../../../scripts/applicant-driver';
