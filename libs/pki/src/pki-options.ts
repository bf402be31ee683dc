import type { OcspResponderOptions } from './ocsp/ocsp-responder';

/** Configuration of the PKI, validated by the caller (libraries never read the environment). */
export interface PkiOptions {
  /**
   * 32-byte key (base64) that seals the CA private keys at rest. Only the process that signs (the
   * pki worker) is given it; without it the PKI opens the CA certificates only and signs nothing.
   */
  caKeyEncryptionKey?: string;
  /** Create the CA hierarchy when its rows are missing (default true; false in production, where `npm run ca -- init` does). */
  createCaIfMissing?: boolean;
  /** Public base URL of this service, e.g. `https://pki.example.kz`; used in CDP and AIA. */
  publicBaseUrl: string;
  /** Subject common names of the CA hierarchy (used only when the CAs are first created). */
  caNames?: { root?: string; issuing?: string };
  /** RSA modulus sizes of the CA keys, on first creation. Default root 4096, issuing 2048. */
  caKeyBits?: { root?: number; issuing?: number };
  /** Months after which an unfinished application is annulled (seed 003: one month). */
  annulAfterMonths?: number;
  /** Overrides `annulAfterMonths` with a fixed period in milliseconds (tests). */
  annulAfterMs?: number;
  /** How often the base CRL is regenerated on schedule. Default 1 hour. */
  crlRefreshIntervalMs?: number;
  /** How long a base CRL is valid (its nextUpdate). Default 24 hours. */
  crlValidityMs?: number;
  /** How often a delta CRL is published between bases (a revocation publishes one at once). Default 15 minutes. */
  deltaCrlRefreshIntervalMs?: number;
  /** How long a delta CRL is valid. Default 1 hour. */
  deltaCrlValidityMs?: number;
  /** How long the root's CRL (for the issuing CA) is valid; it is renewed at half that. Default 30 days. */
  rootCrlValidityMs?: number;
  /**
   * Whether this process publishes CRLs on a timer (the API's CrlScheduler). Default true; turn it
   * off where a Temporal schedule runs crlPublicationWorkflow. Served CRLs are renewed when stale either way.
   */
  publishCrlsInProcess?: boolean;
  /** Validity of issued certificates in months (DESIGN §3: one year, to the second, as НУЦ issues them). */
  certificateValidityMonths?: number;
  /** Qualifiers of the Certificate Policies extension in issued certificates. */
  certificatePolicy?: { cpsUrl?: string; userNotice?: string };
  /** OCSP responses: validity, reuse of signed responses, nonces (see OcspResponderOptions). */
  ocsp?: OcspResponderOptions;
}

/** Where НУЦ РК publishes its certification practice statement; the CPS qualifier НУЦ's own certificates carry. */
export const DEFAULT_CPS_URL = 'http://pki.gov.kz/cps';
/**
 * The user notice in issued certificates. НУЦ repeats the CPS URL there; we say what the
 * certificate rests on (remote identification via Digital ID) and where its terms are, in Russian and English.
 */
export const DEFAULT_USER_NOTICE =
  'Выдан после удалённой идентификации через eGov Digital ID; условия применения — в регламенте УЦ (CPS). Issued after remote identification via eGov Digital ID; terms of use: see the CPS.';
/** RFC 5280 §4.2.1.4: explicitText SHOULD NOT exceed 200 characters. */
const MAX_USER_NOTICE_LENGTH = 200;

export interface ResolvedPkiOptions {
  caKeyEncryptionKey: Buffer | null;
  createCaIfMissing: boolean;
  publicBaseUrl: string;
  caNames: { root: string; issuing: string };
  caKeyBits: { root: number; issuing: number };
  annulAfterMonths: number;
  annulAfterMs?: number;
  crlRefreshIntervalMs: number;
  crlValidityMs: number;
  deltaCrlRefreshIntervalMs: number;
  deltaCrlValidityMs: number;
  rootCrlValidityMs: number;
  publishCrlsInProcess: boolean;
  certificateValidityMonths: number;
  certificatePolicy: { cpsUrl: string; userNotice: string };
  ocsp: OcspResponderOptions;
}

/** Applies defaults and checks the options, failing with a message that names the bad one. */
export function resolvePkiOptions(options: PkiOptions): ResolvedPkiOptions {
  const key = options.caKeyEncryptionKey === undefined ? null : Buffer.from(options.caKeyEncryptionKey, 'base64');
  if (key && key.length !== 32) throw new Error('PKI option caKeyEncryptionKey must be 32 bytes, base64-encoded');
  let base: URL;
  try {
    base = new URL(options.publicBaseUrl);
  } catch {
    throw new Error('PKI option publicBaseUrl must be an absolute URL');
  }
  const resolved: ResolvedPkiOptions = {
    caKeyEncryptionKey: key,
    createCaIfMissing: options.createCaIfMissing ?? true,
    publicBaseUrl: base.toString().replace(/\/+$/, ''),
    caNames: {
      root: options.caNames?.root ?? 'NUC RK Root CA (RSA)',
      issuing: options.caNames?.issuing ?? 'NUC RK Issuing CA (RSA)',
    },
    caKeyBits: { root: options.caKeyBits?.root ?? 4096, issuing: options.caKeyBits?.issuing ?? 2048 },
    annulAfterMonths: options.annulAfterMonths ?? 1,
    annulAfterMs: options.annulAfterMs,
    crlRefreshIntervalMs: options.crlRefreshIntervalMs ?? 60 * 60 * 1000,
    crlValidityMs: options.crlValidityMs ?? 24 * 60 * 60 * 1000,
    deltaCrlRefreshIntervalMs: options.deltaCrlRefreshIntervalMs ?? 15 * 60 * 1000,
    deltaCrlValidityMs: options.deltaCrlValidityMs ?? 60 * 60 * 1000,
    rootCrlValidityMs: options.rootCrlValidityMs ?? 30 * 24 * 60 * 60 * 1000,
    publishCrlsInProcess: options.publishCrlsInProcess ?? true,
    certificateValidityMonths: options.certificateValidityMonths ?? 12,
    certificatePolicy: {
      cpsUrl: options.certificatePolicy?.cpsUrl ?? DEFAULT_CPS_URL,
      userNotice: options.certificatePolicy?.userNotice ?? DEFAULT_USER_NOTICE,
    },
    ocsp: { ...options.ocsp },
  };
  if (resolved.caKeyBits.root < 2048 || resolved.caKeyBits.issuing < 2048) throw new Error('PKI option caKeyBits must be at least 2048');
  if (resolved.crlValidityMs <= resolved.crlRefreshIntervalMs) throw new Error('PKI option crlValidityMs must exceed crlRefreshIntervalMs');
  if (resolved.deltaCrlValidityMs <= resolved.deltaCrlRefreshIntervalMs) throw new Error('PKI option deltaCrlValidityMs must exceed deltaCrlRefreshIntervalMs');
  if (!(resolved.rootCrlValidityMs > 0)) throw new Error('PKI option rootCrlValidityMs must be positive');
  const { cpsUrl, userNotice } = resolved.certificatePolicy;
  // The CPS qualifier is an IA5String: an absolute http(s) URL in ASCII.
  if (!/^https?:\/\/[\x21-\x7e]+$/.test(cpsUrl)) throw new Error('PKI option certificatePolicy.cpsUrl must be an absolute http(s) URL in ASCII');
  if (userNotice.trim() === '' || [...userNotice].length > MAX_USER_NOTICE_LENGTH) {
    throw new Error(`PKI option certificatePolicy.userNotice must be 1 to ${MAX_USER_NOTICE_LENGTH} characters`);
  }
  return resolved;
}

/** The URLs our certificates point to. */
export function pkiUrls(baseUrl: string): { rootCert: string; issuingCert: string; crl: string; deltaCrl: string; rootCrl: string; ocsp: string } {
  return {
    rootCert: `${baseUrl}/pki/ca/root.crt`,
    issuingCert: `${baseUrl}/pki/ca/issuing.crt`,
    crl: `${baseUrl}/pki/crl`,
    deltaCrl: `${baseUrl}/pki/crl/delta`,
    rootCrl: `${baseUrl}/pki/crl/root`,
    ocsp: `${baseUrl}/pki/ocsp`,
  };
}

/** Adds calendar months in UTC (a month after 31 January is 3 March, as Date does). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}
