import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { encryptedDataConverter } from '@app/temporal-codec';
import { loadConfig, temporalSchema } from '@app/config';
import { openssl } from '../../libs/pki/test/support/openssl';
import { readStack } from './support/it-stack';
import { OnboardingClient, sleep } from './support/onboarding-client';

jest.setTimeout(120_000);

/** The CA's keys stay in the pki worker: the API holds the certificates and a delegated OCSP key only. */
describe('CA key custody', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  const work = mkdtempSync(join(tmpdir(), 'ca-custody-'));
  const file = (name: string) => join(work, name);

  beforeAll(async () => {
    writeFileSync(file('root.pem'), await (await fetch(`${client.apiUrl}/pki/ca/root.crt`)).text());
    writeFileSync(file('issuing.pem'), await (await fetch(`${client.apiUrl}/pki/ca/issuing.crt`)).text());
    writeFileSync(file('chain.pem'), readFileSync(file('issuing.pem'), 'utf8') + readFileSync(file('root.pem'), 'utf8'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('starts the API process without the CA key-encryption key', () => {
    const environ = readFileSync(`/proc/${stack.apiPid}/environ`, 'latin1').split('\0');
    expect(environ.some((entry) => entry.startsWith('ACCESS_TOKEN_HMAC_KEY='))).toBe(true);
    expect(environ.some((entry) => entry.startsWith('PKI_CA_KEY_ENCRYPTION_KEY='))).toBe(false);
  });

  it('answers OCSP through the API with a delegated responder certificate that OpenSSL verifies', async () => {
    // Ask about a serial we never issued: the answer is signed all the same, by the responder key.
    let result = { code: 1, stdout: '', stderr: '' };
    for (let i = 0; i < 30; i++) {
      result = await openssl(['ocsp', '-issuer', file('issuing.pem'), '-serial', '0x4f1e2d3c', '-url', `${client.apiUrl}/pki/ocsp`, '-CAfile', file('root.pem'), '-resp_text', '-no_nonce']);
      if (!/tryLater|try later/i.test(result.stdout + result.stderr)) break;
      await sleep(1000);
    }
    expect(result.stderr).toContain('Response verify OK');
    expect(result.stdout).toContain('Serial Number: 4F1E2D3C');
    expect(result.stdout).toContain('Cert Status: unknown');
    expect(result.stdout).toMatch(/Responder Id: .*OCSP Responder/);
    expect(result.stdout).toContain('OCSP Signing');
    expect(result.stdout).toContain('OCSP No Check');
  });

  it('serves base and delta CRLs the pki worker signed, and keeps one CRL schedule for the cluster', async () => {
    for (const [path, name] of [['/pki/crl', 'base'], ['/pki/crl/delta', 'delta']] as const) {
      const response = await fetch(`${client.apiUrl}${path}`);
      expect(response.status).toBe(200);
      writeFileSync(file(`${name}.der`), Buffer.from(await response.arrayBuffer()));
      const checked = await openssl(['crl', '-inform', 'DER', '-in', file(`${name}.der`), '-CAfile', file('chain.pem'), '-noout', '-text']);
      expect(checked.stderr).toContain('verify OK');
    }
    expect((await openssl(['crl', '-inform', 'DER', '-in', file('delta.der'), '-noout', '-text'])).stdout).toContain('Delta CRL Indicator');

    const config = loadConfig(temporalSchema, stack.env);
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    try {
      const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: encryptedDataConverter(config.TEMPORAL_PAYLOAD_KEYS) });
      const schedule = await temporal.schedule.getHandle('crl-publication').describe();
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'crlPublicationWorkflow' });
      expect(schedule.spec.intervals?.[0]?.every).toBeGreaterThan(0);
    } finally {
      await connection.close();
    }
  });
});
