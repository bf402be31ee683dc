import { ApplicationFailure } from '@temporalio/common';
import { confirmInstallation } from './applications/installation';
import { NewNucApplication, NucApplicationView, NucApplications } from './applications/nuc-applications';
import { ANNULLABLE_STATUSES, NucStatus } from './applications/nuc-status';
import { CertificateAuthority, CertificateStatus, IssuedPair, RevocationReason } from './ca/certificate-authority';
import { CmsVerifier, VerifiedSignature } from './cms/cms-verifier';
import { CrlPublisher } from './crl/crl-publisher';
import { PkiError } from './errors';
import { VerifiedIdentity } from './verified-identity';

/** The narrow slices of the PKI services the activities use (the worker passes `createPki(...)`'s). */
export interface PkiActivityDeps {
  applications: Pick<NucApplications, 'create' | 'get' | 'recordStatus' | 'annulStale'>;
  authority: Pick<CertificateAuthority, 'issueForApplication' | 'certificatesOf'>;
  crl: Pick<CrlPublisher, 'refresh'>;
  cms: Pick<CmsVerifier, 'verify'>;
  revoke(serial: string, reason?: RevocationReason): Promise<CertificateStatus>;
}

/** Activity input for creating a НУЦ application (CSRs as PEM or base64 DER). */
export interface CreateNucApplicationInput {
  requestId: string;
  identity: VerifiedIdentity;
  template: string;
  keyStorage: string;
  authCsr: string;
  signCsr: string;
}

export interface CmsSignatureInput {
  /** CMS SignedData, base64 DER or PEM. */
  signature: string;
  /** Detached content, base64. */
  content?: string;
}

export interface VerifiedSignatureResult extends Omit<VerifiedSignature, 'content' | 'signingTime'> {
  signingTime: string;
}

/** What a value becomes after Temporal's JSON payload conversion (dates turn into ISO strings). */
export type Jsonified<T> = T extends Date
  ? string
  : T extends Buffer
    ? never
    : T extends readonly (infer U)[]
      ? Jsonified<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonified<T[K]> }
        : T;

/** Makes the declared activity result match what the workflow actually receives. */
function jsonified<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonified<T>;
}

/** PKI activities for the onboarding workflow. Business failures are non-retryable with the PkiErrorCode as type. */
export function createPkiActivities(deps: PkiActivityDeps) {
  return {
    /** Creates the application (idempotent by requestId) and returns its number and status history. */
    async createNucApplication(input: CreateNucApplicationInput): Promise<Jsonified<NucApplicationView>> {
      return jsonified(await business(() => deps.applications.create(input satisfies NewNucApplication)));
    },

    /** The application with its status history, for the applicant's status view. */
    async getNucApplication(number: string): Promise<Jsonified<NucApplicationView>> {
      return jsonified(await business(() => deps.applications.get(number)));
    },

    /** «Сертификаты установлены» once the key agent proves it holds the AUTH key (idempotent). */
    async confirmInstallation(input: { number: string; proof: string }): Promise<Jsonified<NucApplicationView>> {
      return jsonified(await business(() => confirmInstallation(deps, input.number, Buffer.from(input.proof, 'base64'))));
    },

    /** Annuls an application left unfinished with its onboarding application (a no-op once it is past annulment). */
    async annulNucApplication(number: string): Promise<Jsonified<NucApplicationView>> {
      return jsonified(
        await business(async () => {
          const view = await deps.applications.get(number);
          return ANNULLABLE_STATUSES.includes(view.status) ? deps.applications.recordStatus(number, NucStatus.Annulled) : view;
        }),
      );
    },

    /** Appends a status to the history (idempotent when the status is already current). */
    async recordNucStatus(number: string, status: NucStatus): Promise<Jsonified<NucApplicationView>> {
      return jsonified(await business(() => deps.applications.recordStatus(number, status)));
    },

    /** Issues the AUTH + SIGN pair; a retried activity returns the pair already issued. */
    async issueCertificates(number: string): Promise<Jsonified<IssuedPair>> {
      return jsonified(await business(() => deps.authority.issueForApplication(number)));
    },

    /** Annuls applications left unfinished past the annulment period; returns their numbers. */
    async annulStaleApplications(): Promise<string[]> {
      return deps.applications.annulStale();
    },

    /** Revokes a certificate by serial and republishes the CRL. */
    async revokeCertificate(serial: string, reason?: RevocationReason): Promise<Jsonified<CertificateStatus>> {
      return jsonified(await business(() => deps.revoke(serial, reason)));
    },

    /** Regenerates the CRL (for a scheduled workflow or cron). */
    async refreshCrl(): Promise<void> {
      await deps.crl.refresh();
    },

    /** Verifies a CMS signature made with one of our certificates (first-head approval). */
    async verifyCmsSignature(input: CmsSignatureInput): Promise<VerifiedSignatureResult> {
      const verified = await business(() =>
        deps.cms.verify({ signature: decodeSignature(input.signature), content: input.content === undefined ? undefined : Buffer.from(input.content, 'base64') }),
      );
      const { content: _content, signingTime, ...rest } = verified;
      return { ...rest, signingTime: signingTime.toISOString() };
    },
  };
}

export type PkiActivities = ReturnType<typeof createPkiActivities>;

function decodeSignature(text: string): Buffer | string {
  return text.includes('-----BEGIN') ? text : Buffer.from(text, 'base64');
}

async function business<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PkiError) throw ApplicationFailure.nonRetryable(error.message, error.code);
    throw error;
  }
}
