import { ApplicationFailure } from '@temporalio/common';
import { confirmInstallation } from './applications/installation';
import { NewNucApplication, NucApplicationView, NucApplications } from './applications/nuc-applications';
import { ANNULLABLE_STATUSES, NucStatus } from './applications/nuc-status';
import { CertificateAuthority, CertificateStatus, IssuedPair, RevocationReason } from './ca/certificate-authority';
import { CmsVerifier, VerifiedSignature } from './cms/cms-verifier';
import { CrlPublisher, PublishedCrl } from './crl/crl-publisher';
import { PkiError } from './errors';
import { VerifiedIdentity } from './verified-identity';

/** The narrow slices of the PKI services the activities use (the worker passes `createPki(...)`'s). */
export interface PkiActivityDeps {
  applications: Pick<NucApplications, 'create' | 'get' | 'recordStatus' | 'annulStale' | 'approveByFirstHead' | 'rejectByFirstHead'>;
  authority: Pick<CertificateAuthority, 'issueForApplication' | 'certificatesOf' | 'certifyOcspResponder'>;
  crl: Pick<CrlPublisher, 'refresh' | 'publishBase' | 'publishDelta' | 'publishRoot'>;
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

/** A CRL the activity published (or found fresh), without its DER. */
export type PublishedCrlInfo = Jsonified<Omit<PublishedCrl, 'der'>>;

export interface PublishedBaseCrls {
  /** The issuing CA's base CRL. */
  base: PublishedCrlInfo;
  /** The root's CRL for the issuing CA (renewed at half its validity). */
  root: PublishedCrlInfo;
}

export interface CmsSignatureInput {
  /** CMS SignedData, base64 DER or PEM. */
  signature: string;
  /** Detached content, base64. */
  content?: string;
}

export interface VerifiedSignatureResult extends Omit<VerifiedSignature, 'content' | 'signingTime' | 'validFrom' | 'validTo'> {
  signingTime: string;
  validFrom: string;
  validTo: string;
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

    /** The first head approved: «Заявка на подписи в ИС НУЦ» (idempotent; refused unless the application awaits the first head). */
    async approveNucApplicationByFirstHead(number: string): Promise<Jsonified<NucApplicationView>> {
      return jsonified(await business(() => deps.applications.approveByFirstHead(number)));
    },

    /** The first head rejected: «Заявка отклонена первым руководителем» (idempotent). */
    async rejectNucApplicationByFirstHead(number: string): Promise<Jsonified<NucApplicationView>> {
      return jsonified(await business(() => deps.applications.rejectByFirstHead(number)));
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

    /** Revokes a certificate by serial and publishes a delta CRL listing it. */
    async revokeCertificate(serial: string, reason?: RevocationReason): Promise<Jsonified<CertificateStatus>> {
      return jsonified(await business(() => deps.revoke(serial, reason)));
    },

    /** Publishes a new base CRL (kept for callers from before delta CRLs; publishBaseCrl says what it did). */
    async refreshCrl(): Promise<void> {
      await deps.crl.refresh();
    },

    /**
     * Publishes the issuing CA's base CRL and, when due, the root's CRL for the issuing CA. With
     * `onlyIfDue` (what crlPublicationWorkflow passes on every tick) a base is published only once the
     * latest is older than crlRefreshIntervalMs; `published` says whether each is new.
     */
    async publishBaseCrl(options: { onlyIfDue?: boolean } = {}): Promise<PublishedBaseCrls> {
      const base = await deps.crl.publishBase(new Date(), { onlyIfDue: options.onlyIfDue ?? false });
      const root = await deps.crl.publishRoot(new Date(), { onlyIfDue: true });
      return { base: crlInfo(base), root: crlInfo(root) };
    },

    /** Publishes a delta CRL against the latest base CRL: the revocations the base does not list yet. */
    async publishDeltaCrl(): Promise<PublishedCrlInfo> {
      return crlInfo(await deps.crl.publishDelta());
    },

    /** A delegated OCSP responder certificate (PEM) for the API's own public key (SPKI, base64). */
    async certifyOcspResponder(input: { spki: string; validityMs: number }): Promise<string> {
      return (await deps.authority.certifyOcspResponder(Buffer.from(input.spki, 'base64'), input.validityMs)).toString('pem');
    },

    /** Verifies a CMS signature made with one of our certificates (first-head approval). */
    async verifyCmsSignature(input: CmsSignatureInput): Promise<VerifiedSignatureResult> {
      const verified = await business(() =>
        deps.cms.verify({ signature: decodeSignature(input.signature), content: input.content === undefined ? undefined : Buffer.from(input.content, 'base64') }),
      );
      const { content: _content, signingTime, validFrom, validTo, ...rest } = verified;
      return { ...rest, signingTime: signingTime.toISOString(), validFrom: validFrom.toISOString(), validTo: validTo.toISOString() };
    },
  };
}

export type PkiActivities = ReturnType<typeof createPkiActivities>;

function crlInfo({ der: _der, ...info }: PublishedCrl): PublishedCrlInfo {
  return jsonified(info);
}

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
