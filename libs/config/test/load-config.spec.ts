import { ConfigError, apiSchema, loadConfig, temporalSchema, workerSchema } from '@app/config';

const key = Buffer.alloc(32, 7).toString('base64');
const validApiEnv = { ACCESS_TOKEN_HMAC_KEY: key, OTP_HMAC_KEY: key, BIOMETRICS_ENCRYPTION_KEY: key, DOCUMENTS_ENCRYPTION_KEY: key, STAFF_SECRETS_KEY: key, REGISTER_API_KEY: 'register-api-key-0123', TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 't'.repeat(32), TEMPORAL_PAYLOAD_KEYS: `k1:${key}` };

describe(loadConfig.name, () => {
  it('fills the seed defaults: 90 s code, 2 min resend, 3 attempts, 15 min block, sender 1414 ports', () => {
    const config = loadConfig(apiSchema, validApiEnv);
    expect(config).toMatchObject({ API_PORT: 3000, OTP_TTL_SECONDS: 90, OTP_RESEND_SECONDS: 120, OTP_MAX_ATTEMPTS: 3, OTP_BLOCK_SECONDS: 900, OTP_LENGTH: 5 });
    expect(Object.isFrozen(config)).toBe(true);
    // The seeds name no first-head deadline: two weeks, a reminder every three days, a challenge for five minutes.
    expect(config).toMatchObject({ FIRST_HEAD_APPROVAL_DEADLINE_SECONDS: 14 * 24 * 3600, FIRST_HEAD_REMINDER_INTERVAL_SECONDS: 3 * 24 * 3600, FIRST_HEAD_CHALLENGE_TTL_SECONDS: 300 });
  });

  it('never gives the API process the CA key-encryption key, and wants PUBLIC_BASE_URL in production', () => {
    const config = loadConfig(apiSchema, { ...validApiEnv, PKI_CA_KEY_ENCRYPTION_KEY: key });
    expect(config).not.toHaveProperty('PKI_CA_KEY_ENCRYPTION_KEY');
    expect(config.PUBLIC_BASE_URL).toBe('http://127.0.0.1:3000');
    expect(() => loadConfig(apiSchema, { ...validApiEnv, NODE_ENV: 'production' })).toThrow(/PUBLIC_BASE_URL: is required in production/);
    expect(loadConfig(apiSchema, { ...validApiEnv, NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://pki.example.kz' }).PUBLIC_BASE_URL).toBe('https://pki.example.kz');
  });

  it('fills the portal accounts\' seed rules: 72-hour link, 3 tries then 15 minutes, notice after 60 days, deletion 30 days later', () => {
    expect(loadConfig(apiSchema, validApiEnv)).toMatchObject({
      PORTAL_ACTIVATION_LINK_HOURS: 72,
      PORTAL_MAX_FAILED_ATTEMPTS: 3,
      PORTAL_BLOCK_SECONDS: 900,
      PORTAL_TEMPORARY_NOTICE_AFTER_DAYS: 60,
      PORTAL_TEMPORARY_DELETE_AFTER_NOTICE_DAYS: 30,
      SMTP_URL: 'smtp://127.0.0.1:1025',
    });
  });

  it('takes e-mail only over an smtp:// or smtps:// URL', () => {
    expect(loadConfig(apiSchema, { ...validApiEnv, SMTP_URL: 'smtps://user:pa%24s@mail.example.kz:465' }).SMTP_URL).toBe('smtps://user:pa%24s@mail.example.kz:465');
    expect(() => loadConfig(apiSchema, { ...validApiEnv, SMTP_URL: 'http://mail.example.kz' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it('names a missing secret without printing any value', () => {
    expect(() => loadConfig(apiSchema, { OTP_HMAC_KEY: key })).toThrow(/ACCESS_TOKEN_HMAC_KEY/);
  });

  it('rejects a key of the wrong size and a non-numeric port, naming both variables', () => {
    try {
      loadConfig(apiSchema, { ...validApiEnv, OTP_HMAC_KEY: 'c2hvcnQ=', API_PORT: 'eighty' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toMatch(/OTP_HMAC_KEY/);
      expect(message).toMatch(/API_PORT/);
      expect(message).not.toContain('c2hvcnQ=');
    }
  });

  it('reads a rate limit as LIMIT/SECONDS, and names the variable when it is not one', () => {
    expect(loadConfig(apiSchema, { ...validApiEnv, RATE_LIMIT_START_PER_IIN: '5/600' }).RATE_LIMIT_START_PER_IIN).toEqual({ limit: 5, windowSeconds: 600 });
    expect(loadConfig(apiSchema, validApiEnv).RATE_LIMIT_START_PER_ADDRESS).toEqual({ limit: 30, windowSeconds: 900 });
    for (const bad of ['5', '0/60', 'five/60', '5/-1']) {
      expect(() => loadConfig(apiSchema, { ...validApiEnv, RATE_LIMIT_OTP_PER_ADDRESS: bad })).toThrow(/RATE_LIMIT_OTP_PER_ADDRESS: expected LIMIT\/SECONDS/);
    }
  });

  it('requires a Twilio-shaped account SID for the worker', () => {
    expect(() =>
      loadConfig(workerSchema, { ...validApiEnv, REGISTER_API_KEY: 'k'.repeat(20), TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: 't'.repeat(32) }),
    ).toThrow(/TWILIO_ACCOUNT_SID/);
  });

  describe('TEMPORAL_PAYLOAD_KEYS', () => {
    const older = Buffer.alloc(32, 1).toString('base64');
    const problems = (value: string | undefined) => {
      try {
        loadConfig(temporalSchema, { TEMPORAL_PAYLOAD_KEYS: value });
      } catch (error) {
        return (error as ConfigError).message;
      }
      throw new Error('expected a ConfigError');
    };

    it('reads the keys in order, the current one first, for the API and the worker alike', () => {
      const expected = [
        { id: 'k2', key: Buffer.alloc(32, 7) },
        { id: 'k1', key: Buffer.alloc(32, 1) },
      ];
      const value = `k2:${key}, k1:${older}`;
      expect(loadConfig(temporalSchema, { TEMPORAL_PAYLOAD_KEYS: value }).TEMPORAL_PAYLOAD_KEYS).toEqual(expected);
      expect(loadConfig(apiSchema, { ...validApiEnv, TEMPORAL_PAYLOAD_KEYS: value }).TEMPORAL_PAYLOAD_KEYS).toEqual(expected);
    });

    it('is required, so payloads never silently go out in plaintext', () => {
      expect(problems(undefined)).toMatch(/TEMPORAL_PAYLOAD_KEYS: is required; expected id:base64key/);
    });

    it('names the variable and the entry for a short key, a missing id or a repeated id, without echoing a key', () => {
      const short = problems(`k2:${key},k1:c2hvcnQ=`);
      expect(short).toMatch(/TEMPORAL_PAYLOAD_KEYS: key #2 \(id "k1"\) must be 32 bytes/);
      expect(short).not.toContain(key);
      expect(problems(key)).toMatch(/TEMPORAL_PAYLOAD_KEYS: key #1 needs an id/);
      expect(problems(`k1:${key},k1:${older}`)).toMatch(/key #2 repeats the id "k1"/);
    });
  });
});
