/** Configuration of the PKI, validated by the caller (libraries never read the environment). */
export interface PkiOptions {
  /** 32-byte key (base64) that seals the CA private keys at rest. */
  caKeyEncryptionKey: string;
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
  /** How often the CRL is regenerated on schedule. Default 1 hour. */
  crlRefreshIntervalMs?: number;
  /** How long a CRL is valid (its nextUpdate). Default 24 hours. */
  crlValidityMs?: number;
  /** Validity of issued certificates in months (DESIGN §3: one year). */
  certificateValidityMonths?: number;
}

export interface ResolvedPkiOptions {
  caKeyEncryptionKey: Buffer;
  publicBaseUrl: string;
  caNames: { root: string; issuing: string };
  caKeyBits: { root: number; issuing: number };
  annulAfterMonths: number;
  annulAfterMs?: number;
  crlRefreshIntervalMs: number;
  crlValidityMs: number;
  certificateValidityMonths: number;
}

/** Applies defaults and checks the options, failing with a message that names the bad one. */
export function resolvePkiOptions(options: PkiOptions): ResolvedPkiOptions {
  const key = Buffer.from(options.caKeyEncryptionKey ?? '', 'base64');
  if (key.length !== 32) throw new Error('PKI option caKeyEncryptionKey must be 32 bytes, base64-encoded');
  let base: URL;
  try {
    base = new URL(options.publicBaseUrl);
  } catch {
    throw new Error('PKI option publicBaseUrl must be an absolute URL');
  }
  const resolved: ResolvedPkiOptions = {
    caKeyEncryptionKey: key,
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
    certificateValidityMonths: options.certificateValidityMonths ?? 12,
  };
  if (resolved.caKeyBits.root < 2048 || resolved.caKeyBits.issuing < 2048) throw new Error('PKI option caKeyBits must be at least 2048');
  if (resolved.crlValidityMs <= resolved.crlRefreshIntervalMs) throw new Error('PKI option crlValidityMs must exceed crlRefreshIntervalMs');
  return resolved;
}

/** The URLs our certificates point to. */
export function pkiUrls(baseUrl: string): { rootCert: string; issuingCert: string; crl: string; ocsp: string } {
  return {
    rootCert: `${baseUrl}/pki/ca/root.crt`,
    issuingCert: `${baseUrl}/pki/ca/issuing.crt`,
    crl: `${baseUrl}/pki/crl`,
    ocsp: `${baseUrl}/pki/ocsp`,
  };
}

/** Adds calendar months in UTC (a month after 31 January is 3 March, as Date does). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}
