import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);
const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');
const optionalPath = z.string().min(1).optional();

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}
/** `LIMIT/SECONDS`: at most LIMIT requests in a window of SECONDS (e.g. `20/900`). */
const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx): RateLimit => {
      const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
      if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
        ctx.addIssue({ code: 'custom', message: 'expected LIMIT/SECONDS, both positive whole numbers (e.g. 20/900: 20 requests in 15 minutes)' });
        return z.NEVER;
      }
      return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
    });

const PAYLOAD_KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const PAYLOAD_KEYS_FORMAT = 'expected id:base64key[,id:base64key…], the current key first (e.g. k2:…,k1:…; each key 32 bytes: openssl rand -base64 32)';

/** What is wrong with one `id:base64key` entry, or null. Never echoes the key. */
function payloadKeyProblem(id: string, key: Buffer, earlierIds: string[]): string | null {
  if (!PAYLOAD_KEY_ID.test(id)) return 'needs an id of letters, digits, ".", "_" or "-" before the ":"';
  if (earlierIds.includes(id)) return `repeats the id "${id}"`;
  if (key.length !== 32) return `(id "${id}") must be 32 bytes, base64-encoded`;
  return null;
}

/**
 * The keys of the Temporal payload codec: the first encrypts, every one decrypts (rotation). Required:
 * without it personal data would reach workflow history in plaintext.
 */
const payloadKeys = z
  .string({ error: (issue) => (issue.input === undefined ? `is required; ${PAYLOAD_KEYS_FORMAT}` : 'must be a string') })
  .transform((value, ctx) => {
    const keys: Array<{ id: string; key: Buffer }> = [];
    for (const [index, entry] of value.split(',').map((e) => e.trim()).entries()) {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, Math.max(separator, 0));
      const key = Buffer.from(entry.slice(separator + 1), 'base64');
      const problem = payloadKeyProblem(id, key, keys.map((k) => k.id));
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `key #${index + 1} ${problem}; ${PAYLOAD_KEYS_FORMAT}` });
        return z.NEVER;
      }
      keys.push({ id, key });
    }
    return keys;
  });

/**
 * Where the process runs. In production nothing is made up: PUBLIC_BASE_URL must be given (it is
 * written into every certificate) and the CA is never created silently (`npm run ca -- init`).
 */
export const deploymentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

const DEV_PUBLIC_BASE_URL = 'http://127.0.0.1:3000';
/** Public base URL of the service, written into certificates (CRL distribution point, AIA/OCSP); required in production. */
const publicBaseUrl = z.string().url().optional();

/** Fills PUBLIC_BASE_URL for development, and refuses to go without it in production. */
function withPublicBaseUrl<T extends { NODE_ENV: string; PUBLIC_BASE_URL?: string }>(config: T, ctx: z.RefinementCtx): T & { PUBLIC_BASE_URL: string } {
  if (config.NODE_ENV === 'production' && !config.PUBLIC_BASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'is required in production: the public https address of this service, written into every certificate' });
  }
  return { ...config, PUBLIC_BASE_URL: config.PUBLIC_BASE_URL ?? DEV_PUBLIC_BASE_URL };
}

export const temporalSchema = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('onboarding'),
  /** mTLS for a production cluster (e.g. Temporal Cloud): client certificate and key, and a CA when self-hosted. */
  TEMPORAL_TLS_CERT_PATH: optionalPath,
  TEMPORAL_TLS_KEY_PATH: optionalPath,
  TEMPORAL_TLS_CA_PATH: optionalPath,
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),
  /** Encrypts workflow inputs, results and messages before they reach Temporal (see libs/temporal-codec). */
  TEMPORAL_PAYLOAD_KEYS: payloadKeys,
});

export const databaseSchema = z.object({
  DATABASE_URL: z.string().url().default('mysql://root@127.0.0.1:3306/onboarding'),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
});

export const registerClientSchema = z.object({
  REGISTER_URL: z.string().url().default('http://127.0.0.1:4010'),
  REGISTER_API_KEY: z.string().min(16),
  REGISTER_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
});

export const smsSchema = z.object({
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/, 'must look like a Twilio account SID (AC + 32 hex)'),
  TWILIO_AUTH_TOKEN: z.string().min(16),
  /** Where the Twilio SDK sends requests. Unset in production (the SDK's own https://api.twilio.com). */
  TWILIO_API_BASE_URL: z.string().url().optional(),
  SMS_SENDER: z.string().default('1414'),
});

export const otpSchema = z.object({
  OTP_LENGTH: z.coerce.number().int().min(4).max(8).default(5),
  OTP_TTL_SECONDS: seconds(90),
  OTP_RESEND_SECONDS: seconds(120),
  OTP_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  OTP_BLOCK_SECONDS: seconds(15 * 60),
  /**
   * After a block ends, the IIN cannot be blocked again for this long: a third wrong code then voids
   * the code (a new one is needed) instead. 0 = the seed's rule alone, which lets anyone who knows an
   * IIN keep it blocked by typing three wrong codes every 15 minutes.
   */
  OTP_BLOCK_GRACE_SECONDS: z.coerce.number().min(0).default(3600),
  /** How long an application may wait for its code before it is abandoned. */
  OTP_STEP_TIMEOUT_SECONDS: seconds(30 * 60),
  OTP_HMAC_KEY: base64Key,
});

export const logSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** Staff accounts and sessions (the moderators, the БМГ operators, the administrators) and first-head sessions. */
export const staffSchema = z.object({
  /** Seals the staff members' TOTP secrets at rest (32 bytes, base64). */
  STAFF_SECRETS_KEY: base64Key,
  /** A staff session ends this long after sign-in, whatever happens. */
  STAFF_SESSION_TTL_SECONDS: seconds(8 * 3600),
  /** …and earlier when unused this long. */
  STAFF_SESSION_IDLE_SECONDS: seconds(30 * 60),
  /** Wrong passwords or codes in a row before an account is locked. */
  STAFF_MAX_FAILED_SIGN_INS: z.coerce.number().int().positive().default(5),
  STAFF_LOCKOUT_SECONDS: seconds(15 * 60),
  /** A first head's session (signed in with their certificate). */
  FIRST_HEAD_SESSION_TTL_SECONDS: seconds(3600),
});

/** E-mail over SMTP (nodemailer): Mailpit in development and tests, the real relay in production. */
export const mailSchema = z.object({
  /** smtp://host:port (STARTTLS when offered), smtps://user:password@host:465; credentials URL-encoded. */
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:$/.test(new URL(v).protocol), 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('eGov <no-reply@egov.local>'),
  /** Where the portal's pages are: the e-mailed links (activation, sign-in) point there. */
  PORTAL_WEB_URL: z.string().url().default('http://127.0.0.1:3000'),
});

/** Portal accounts (seeds 000/001): every duration and limit of the seed. */
export const portalSchema = z.object({
  /** «Ссылка будет активна в течение 72 часов». */
  PORTAL_ACTIVATION_LINK_HOURS: z.coerce.number().int().positive().default(72),
  /** How long step 2 (password and e-mail) may follow step 1 («Найти»). */
  PORTAL_REGISTRATION_STEP_SECONDS: seconds(15 * 60),
  /** «после 3 (трех) неудачных попыток Пользователь будет заблокирован на 15 минут». */
  PORTAL_MAX_FAILED_ATTEMPTS: z.coerce.number().int().positive().default(3),
  PORTAL_BLOCK_SECONDS: seconds(15 * 60),
  PORTAL_SESSION_TTL_SECONDS: seconds(8 * 3600),
  PORTAL_SESSION_IDLE_SECONDS: seconds(30 * 60),
  /** A challenge to sign with a certificate (sign-in, registration) must come back signed within this time (used once). */
  PORTAL_SIGNATURE_CHALLENGE_TTL_SECONDS: seconds(300),
  /**
   * A temporary account: the notice after this long without a sign-in (the seed's rule: 2 months,
   * taken as 60 days), the deletion this long after the notice (30 calendar days). The seed's form
   * says 90 days in all, which is their sum.
   */
  PORTAL_TEMPORARY_NOTICE_AFTER_DAYS: z.coerce.number().positive().default(60),
  PORTAL_TEMPORARY_DELETE_AFTER_NOTICE_DAYS: z.coerce.number().positive().default(30),
});

/**
 * The mobile-citizen-database operator's registration of a phone (seed 002 step 5): the code sent to
 * the phone, which the applicant dictates on the video call.
 */
export const mcdbSchema = z.object({
  MCDB_CODE_TTL_SECONDS: seconds(5 * 60),
  MCDB_CODE_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
});

export const apiSchema = z
  .object({
    API_PORT: port(3000),
    API_HOST: z.string().default('0.0.0.0'),
    ACCESS_TOKEN_HMAC_KEY: base64Key,
    /** Trust X-Forwarded-For from this many proxies when recording client addresses. */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
    /** How long POST /applications waits for the phone check and the first SMS before answering. */
    START_OUTCOME_WAIT_MS: z.coerce.number().int().positive().default(10000),
    /** Public base URL of this service, written into certificates (CRL distribution point, AIA/OCSP). */
    PUBLIC_BASE_URL: publicBaseUrl,
    /**
     * The API holds no CA key (only the pki worker does): it signs OCSP responses with a delegated
     * responder key of its own, certified by the CA for this long and renewed at half of it.
     */
    PKI_OCSP_RESPONDER_VALIDITY_SECONDS: seconds(2 * 24 * 3600),
    /** Months after which an unfinished НУЦ application is annulled (seed 003: one month). */
    NUC_ANNUL_AFTER_MONTHS: z.coerce.number().int().positive().default(1),
    /** The CPS qualifier of issued certificates' policy (НУЦ's own certificates name http://pki.gov.kz/cps). */
    PKI_CPS_URL: z.string().url().default('http://pki.gov.kz/cps'),
    /** Seals biometric images and descriptors at rest (32 bytes, base64); the biometrics workers use the same key. */
    BIOMETRICS_ENCRYPTION_KEY: base64Key,
    BIOMETRICS_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(15 * 1024 * 1024),
    BIOMETRICS_MAX_PIXELS: z.coerce.number().int().positive().default(40_000_000),
    /** Seals identity-document scans at rest (32 bytes, base64); the documents workers use the same key. */
    DOCUMENTS_ENCRYPTION_KEY: base64Key,
    DOCUMENTS_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(15 * 1024 * 1024),
    /** An application not completed within this many days is annulled (seed 003: one month). */
    APPLICATION_ANNUL_AFTER_DAYS: z.coerce.number().positive().default(30),
    /** Tries at each capture step before the application ends with a message. */
    SELFIE_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
    VIDEO_IDENTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
    DOCUMENT_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
    LIVENESS_CHALLENGE_COUNT: z.coerce.number().int().min(1).max(5).default(3),
    /** A moderation case waits this long before it is escalated. */
    MODERATION_DEADLINE_SECONDS: seconds(24 * 3600),
    /** How long a moderator's claim on a case lasts before another moderator may take it. */
    MODERATION_CLAIM_LEASE_SECONDS: seconds(15 * 60),
    /** Digits of the Digital ID PIN. */
    PIN_LENGTH: z.coerce.number().int().min(4).max(12).default(6),
    /** Wrong PINs at the consent step before the application's PIN is locked. */
    PIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(3),
    /**
     * The first head has this long to approve a legal-entity employee's application; then it is
     * annulled (the seeds name no deadline: two weeks, within the month of NUC_ANNUL_AFTER_MONTHS).
     */
    FIRST_HEAD_APPROVAL_DEADLINE_SECONDS: seconds(14 * 24 * 3600),
    /** An SMS reminder to the first head after each such interval while undecided. */
    FIRST_HEAD_REMINDER_INTERVAL_SECONDS: seconds(3 * 24 * 3600),
    /** A first head's sign-in challenge must be signed and sent back within this time (used once). */
    FIRST_HEAD_CHALLENGE_TTL_SECONDS: seconds(300),
    /**
     * Rate limits of the public endpoints, per client address (behind TRUST_PROXY_HOPS proxies, the
     * forwarded one) and per IIN, shared by every API process. Over the limit: 429 with Retry-After.
     * Per address they allow for many people behind one carrier NAT; per IIN for a person starting
     * again a few times.
     */
    RATE_LIMIT_START_PER_ADDRESS: rateLimit('30/900'),
    RATE_LIMIT_START_PER_IIN: rateLimit('10/900'),
    RATE_LIMIT_OTP_PER_ADDRESS: rateLimit('60/900'),
    RATE_LIMIT_OTP_PER_IIN: rateLimit('12/900'),
    RATE_LIMIT_OTP_RESEND_PER_ADDRESS: rateLimit('30/900'),
    RATE_LIMIT_OTP_RESEND_PER_IIN: rateLimit('10/900'),
    RATE_LIMIT_NUC_STATUS_PER_ADDRESS: rateLimit('120/900'),
    RATE_LIMIT_NUC_STATUS_PER_IIN: rateLimit('60/900'),
    /** The OCSP responder, per address only (a request names serials, not a person): relying parties behind one gateway ask often. */
    RATE_LIMIT_OCSP_PER_ADDRESS: rateLimit('600/60'),
    /**
     * The portal accounts' public endpoints together (registration, activation, sign-in, recovery,
     * signature challenges), per address: each IIN has its own 3-failures block besides, so this stops
     * one address spraying many IINs.
     */
    RATE_LIMIT_PORTAL_PER_ADDRESS: rateLimit('120/900'),
    /** The built web app (npm run build:web), served at `/`; relative to the working directory. */
    WEB_DIST_DIR: z.string().default('apps/web/dist'),
  })
  .merge(temporalSchema)
  // ГБД ЮЛ, read when a first head signs in and decides; БМГ, written by the operator.
  .merge(registerClientSchema)
  .merge(databaseSchema)
  .merge(otpSchema)
  .merge(staffSchema)
  // The БМГ operator's endpoints send their code by SMS themselves.
  .merge(smsSchema)
  .merge(mcdbSchema)
  .merge(mailSchema)
  .merge(portalSchema)
  .merge(deploymentSchema)
  .merge(logSchema)
  .transform(withPublicBaseUrl);

/** What the staff command-line tool needs: the database and the key that seals TOTP secrets. */
export const staffCliSchema = databaseSchema.merge(staffSchema);

export const workerSchema = z
  .object({
    WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(20),
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().positive().default(20),
    WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000),
    /** A workflow bundle made at build time (npm run build); bundled at start-up when unset. */
    WORKFLOW_BUNDLE_PATH: z.string().optional(),
    /**
     * Which task queues this process serves: `onboarding` (workflows and light activities),
     * `biometrics` (face models, CPU-heavy: a pool of BIOMETRICS_THREADS model threads) and/or
     * `documents` (OCR with a pool of tesseract workers) and/or `pki` (the certification authority's
     * activities: НУЦ applications, issuance, installation).
     */
    WORKER_ROLES: z
      .string()
      .default('onboarding')
      .transform((v) => v.split(',').map((r) => r.trim()))
      .pipe(z.array(z.enum(['onboarding', 'biometrics', 'documents', 'pki'])).min(1)),
    /** Seals the CA private keys at rest (32 bytes, base64). Needed by the pki role. */
    PKI_CA_KEY_ENCRYPTION_KEY: base64Key.optional(),
    /** Public base URL written into certificates (CRL distribution point, AIA/OCSP); the pki role. */
    PUBLIC_BASE_URL: publicBaseUrl,
    /** The pki role keeps a Temporal schedule that publishes base and delta CRLs (one for the whole cluster). */
    PKI_CRL_SCHEDULE: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /** Months after which an unfinished НУЦ application is annulled (seed 003: one month). */
    NUC_ANNUL_AFTER_MONTHS: z.coerce.number().int().positive().default(1),
    /** The CPS qualifier of issued certificates' policy (НУЦ's own certificates name http://pki.gov.kz/cps). */
    PKI_CPS_URL: z.string().url().default('http://pki.gov.kz/cps'),
    /** Seals biometric images and descriptors at rest (32 bytes, base64). Needed by every role but pki (onboarding keeps the register photo). */
    BIOMETRICS_ENCRYPTION_KEY: base64Key.optional(),
    /** Seals identity-document scans at rest (32 bytes, base64). Needed by the documents role. */
    DOCUMENTS_ENCRYPTION_KEY: base64Key.optional(),
    /**
     * Threads of the biometrics role's face-model pool, each with its own copy of the models
     * (≈ 150 MB), and as many biometrics activities at once; default one per core.
     */
    BIOMETRICS_THREADS: z.coerce.number().int().positive().optional(),
    /** Tesseract language data (eng, rus, kaz), from Debian's tesseract-ocr-* packages. */
    DOCUMENTS_TESSDATA_DIR: z.string().default('/usr/share/tesseract-ocr/5/tessdata'),
  })
  .merge(temporalSchema)
  .merge(databaseSchema)
  .merge(registerClientSchema)
  .merge(smsSchema)
  .merge(otpSchema)
  .merge(mailSchema)
  .merge(deploymentSchema)
  .merge(logSchema)
  .transform(withPublicBaseUrl);

export const registerSimulatorSchema = z
  .object({
    REGISTER_SIM_PORT: port(4010),
    REGISTER_SIM_HOST: z.string().default('127.0.0.1'),
    REGISTER_API_KEY: z.string().min(16),
    /** folder with people.json and legal-entities.json (default: fixtures/register) */
    REGISTER_SIM_FIXTURES_DIR: z.string().optional(),
    /** folder with the face photos used as register photos (default: fixtures/faces in the repository) */
    REGISTER_SIM_FACES_DIR: z.string().optional(),
  })
  .merge(logSchema);

export const smsSimulatorSchema = z
  .object({
    SMS_SIM_PORT: port(4020),
    SMS_SIM_HOST: z.string().default('127.0.0.1'),
    TWILIO_ACCOUNT_SID: smsSchema.shape.TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: smsSchema.shape.TWILIO_AUTH_TOKEN,
  })
  .merge(logSchema);

export type ApiConfig = z.infer<typeof apiSchema>;
export type WorkerConfig = z.infer<typeof workerSchema>;
export type RegisterSimulatorConfig = z.infer<typeof registerSimulatorSchema>;
export type SmsSimulatorConfig = z.infer<typeof smsSimulatorSchema>;
export type TemporalConfig = z.infer<typeof temporalSchema>;
export type DatabaseConfig = z.infer<typeof databaseSchema>;
export type OtpConfig = z.infer<typeof otpSchema>;
export type LogConfig = z.infer<typeof logSchema>;
export type MailConfig = z.infer<typeof mailSchema>;
export type PortalConfig = z.infer<typeof portalSchema>;
