import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { DataSource } from 'typeorm';
import { ExtensionOid, IssuedPair, Pki, createPki, createPkiActivities, crlNumberOf } from '@app/pki';
import { TestApplicant, individual, newApplicant } from './support/applicant';
import { describeExtension } from './support/certificate-description';
import { openssl } from './support/openssl';
import { dropTestDatabase, openTestDatabase } from './support/test-database';

// Suffixed with the pid: another engineer's full test run must not drop this run's database.
const DB = `onboarding_spec_pki_crl_${process.pid}`;
const BASE_URL = 'http://pki.test';
const MINUTE = 60_000;
/**
 * How OpenSSL 3 reads delta CRLs: -use_deltas, and -extended_crl, without which it scores a delta as
 * a complete CRL and prefers it when it is newer than the base (so a base-only revocation is missed).
 */
const DELTA_FLAGS = ['-crl_check_all', '-use_deltas', '-extended_crl'];

describe('Base and delta CRLs (MariaDB, checked with OpenSSL)', () => {
  let dataSource: DataSource;
  let pki: Pki;
  let work: string;
  let applicants: TestApplicant[];
  let next = 0;
  const file = (name: string) => join(work, name);

  async function issue(requestId: string): Promise<IssuedPair> {
    const a = applicants[next++];
    const app = await pki.applications.create({ requestId, identity: individual, template: 'Физическое лицо', keyStorage: 'Персональный компьютер', authCsr: a.authCsr, signCsr: a.signCsr });
    return pki.authority.issueForApplication(app.number);
  }

  /** Writes a DER CRL, and as PEM labelled X509 CRL (what openssl verify -CRLfile reads); returns the PEM path. */
  async function savedCrl(name: string, der: Buffer): Promise<string> {
    await writeFile(file(`${name}.der`), der);
    expect((await openssl(['crl', '-inform', 'DER', '-in', file(`${name}.der`), '-out', file(`${name}.pem`)])).code).toBe(0);
    return file(`${name}.pem`);
  }

  function verify(cert: string, crls: string[], flags: string[] = DELTA_FLAGS) {
    return openssl(['verify', ...flags, '-CAfile', file('root.pem'), '-untrusted', file('issuing.pem'), ...crls.flatMap((c) => ['-CRLfile', c]), cert]);
  }

  beforeAll(async () => {
    dataSource = await openTestDatabase(DB);
    work = await mkdtemp(join(tmpdir(), 'pki-crl-'));
    applicants = await Promise.all(Array.from({ length: 4 }, () => newApplicant()));
    pki = await createPki(dataSource, { caKeyEncryptionKey: randomBytes(32).toString('base64'), publicBaseUrl: BASE_URL, caKeyBits: { root: 2048, issuing: 2048 } });
    await writeFile(file('root.pem'), pki.authority.keyring.root.toString('pem'));
    await writeFile(file('issuing.pem'), pki.authority.keyring.issuing.toString('pem'));
  }, 120_000);

  afterAll(async () => {
    await dropTestDatabase(dataSource, DB);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('numbers base and delta CRLs from one rising sequence, each delta naming its base', async () => {
    const b1 = await pki.crl.publishBase();
    const d1 = await pki.crl.publishDelta();
    const b2 = await pki.crl.publishBase();
    const d2 = await pki.crl.publishDelta();
    const numbers = [b1, d1, b2, d2].map((c) => BigInt(c.number));
    expect([...numbers].sort((a, b) => (a < b ? -1 : 1))).toEqual(numbers);
    expect(new Set(numbers).size).toBe(4);
    expect([d1.baseNumber, d2.baseNumber]).toEqual([b1.number, b2.number]);

    const base = new x509.X509Crl(b2.der);
    const delta = new x509.X509Crl(d2.der);
    expect(crlNumberOf(base)).toBe(BigInt(b2.number));
    expect(crlNumberOf(delta)).toBe(BigInt(d2.number));
    expect(crlNumberOf(delta, ExtensionOid.deltaCrlIndicator)).toBe(BigInt(b2.number));
    expect(delta.getExtension(ExtensionOid.deltaCrlIndicator)?.critical).toBe(true);
    // RFC 5280 §5.2.6: a base names its deltas; a delta never carries Freshest CRL; a base no Delta CRL Indicator.
    const freshest = base.getExtension(ExtensionOid.freshestCrl)!;
    expect(describeExtension(freshest.type, freshest.critical, new Uint8Array(freshest.value))).toMatchObject({
      critical: false,
      distributionPoints: [{ fullName: [`${BASE_URL}/pki/crl/delta`], reasons: false, crlIssuer: false }],
    });
    expect(delta.getExtension(ExtensionOid.freshestCrl)).toBeNull();
    expect(base.getExtension(ExtensionOid.deltaCrlIndicator)).toBeNull();
    for (const crl of [base, delta]) await expect(crl.verify({ publicKey: pki.authority.keyring.issuing.publicKey })).resolves.toBe(true);
  });

  it('shows the Delta CRL Indicator, the CRL Number and the Freshest CRL with openssl crl -text', async () => {
    const base = await pki.crl.publishBase();
    const delta = await pki.crl.publishDelta();
    await savedCrl('indicator-base', base.der);
    await savedCrl('indicator-delta', delta.der);
    const deltaText = await openssl(['crl', '-inform', 'DER', '-in', file('indicator-delta.der'), '-noout', '-text', '-CAfile', file('issuing.pem')]);
    expect(deltaText.stderr + deltaText.stdout).toContain('verify OK');
    expect(deltaText.stdout).toMatch(new RegExp(`X509v3 CRL Number: \\n\\s+${delta.number}\\n`));
    expect(deltaText.stdout).toMatch(new RegExp(`X509v3 Delta CRL Indicator: critical\\n\\s+${base.number}\\n`));
    const baseText = await openssl(['crl', '-inform', 'DER', '-in', file('indicator-base.der'), '-noout', '-text']);
    expect(baseText.stdout).toMatch(new RegExp(`X509v3 CRL Number: \\n\\s+${base.number}\\n`));
    expect(baseText.stdout).toContain(`X509v3 Freshest CRL: \n                Full Name:\n                  URI:${BASE_URL}/pki/crl/delta`);
    expect(baseText.stdout).not.toContain('Delta CRL Indicator');
  });

  it('lets openssl verify -crl_check_all accept a good certificate and reject one revoked after the base, through the delta', async () => {
    const good = await issue('crl-good');
    const revoked = await issue('crl-revoked');
    await writeFile(file('good.pem'), good.sign.pem);
    await writeFile(file('revoked.pem'), revoked.sign.pem);
    // The base is from ten minutes ago, so the delta below is newer by more than OpenSSL's one-second clock.
    const base = await savedCrl('base', (await pki.crl.publishBase(new Date(Date.now() - 10 * MINUTE))).der);
    const rootCrl = await savedCrl('root-crl', await pki.crl.currentRoot());

    await pki.revoke(revoked.sign.serial, 'keyCompromise');
    // The revocation published a delta at once; the base is unchanged until the next one.
    const deltaDer = await pki.crl.currentDelta();
    const delta = await savedCrl('delta', deltaDer);
    expect(new x509.X509Crl(deltaDer).findRevoked(revoked.sign.serial)?.reason).toBe(x509.X509CrlReason.keyCompromise);
    expect(new x509.X509Crl(await pki.crl.current()).findRevoked(revoked.sign.serial)).toBeNull();

    const accepted = await verify(file('good.pem'), [base, delta, rootCrl]);
    expect(accepted.stdout).toContain(`${file('good.pem')}: OK`);
    const rejected = await verify(file('revoked.pem'), [base, delta, rootCrl]);
    expect(rejected.code).not.toBe(0);
    expect(rejected.stdout + rejected.stderr).toContain('certificate revoked');
    // The base alone, or a verifier that ignores deltas, still passes it: the delta is what tells.
    expect((await verify(file('revoked.pem'), [base, rootCrl])).stdout).toContain(': OK');
    expect((await verify(file('revoked.pem'), [base, delta, rootCrl], ['-crl_check_all', '-extended_crl'])).stdout).toContain(': OK');
    // Without the root's CRL, -crl_check_all cannot tell whether the issuing CA itself is revoked.
    const noRootCrl = await verify(file('good.pem'), [base, delta]);
    expect(noRootCrl.stdout + noRootCrl.stderr).toContain('unable to get certificate CRL');

    // The next base lists it, and a later delta against that base no longer needs to.
    const at = Date.now();
    const nextBase = await pki.crl.publishBase(new Date(at));
    expect(new x509.X509Crl(nextBase.der).findRevoked(revoked.sign.serial)).not.toBeNull();
    const nextDelta = await pki.crl.publishDelta(new Date(at + MINUTE));
    expect(nextDelta.baseNumber).toBe(nextBase.number);
    expect(new x509.X509Crl(nextDelta.der).findRevoked(revoked.sign.serial)).toBeNull();
    const crls = [await savedCrl('next-base', nextBase.der), await savedCrl('next-delta', nextDelta.der), rootCrl];
    const rejectedByBase = await verify(file('revoked.pem'), crls, [...DELTA_FLAGS, '-attime', String(Math.floor((at + 2 * MINUTE) / 1000))]);
    expect(rejectedByBase.stdout + rejectedByBase.stderr).toContain('certificate revoked');
  }, 60_000);

  it('points the issuing CA at the root’s CRL, which the root signs and renews at half its life', async () => {
    const cdp = pki.authority.keyring.issuing.getExtension(x509.CRLDistributionPointsExtension);
    expect(cdp?.distributionPoints[0].distributionPoint?.fullName?.[0].uniformResourceIdentifier).toBe(`${BASE_URL}/pki/crl/root`);
    const now = new Date();
    const first = await pki.crl.publishRoot(now, { onlyIfDue: true });
    const crl = new x509.X509Crl(first.der);
    expect(crl.issuer).toBe(pki.authority.keyring.root.subject);
    await expect(crl.verify({ publicKey: pki.authority.keyring.root.publicKey })).resolves.toBe(true);
    expect(crl.entries).toHaveLength(0);
    expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBe(30 * 24 * 60 * MINUTE);
    await expect(pki.crl.publishRoot(new Date(now.getTime() + 14 * 24 * 60 * MINUTE), { onlyIfDue: true })).resolves.toMatchObject({ number: first.number, published: false });
    const renewed = await pki.crl.publishRoot(new Date(now.getTime() + 16 * 24 * 60 * MINUTE), { onlyIfDue: true });
    expect(renewed.published).toBe(true);
    expect(BigInt(renewed.number)).toBeGreaterThan(BigInt(first.number));
  });

  it('serves a fresh delta against the current base and renews a stale one', async () => {
    const base = await pki.crl.publishBase();
    const delta = new x509.X509Crl(await pki.crl.currentDelta());
    expect(crlNumberOf(delta, ExtensionOid.deltaCrlIndicator)).toBe(BigInt(base.number));
    await expect(pki.crl.currentDelta()).resolves.toEqual(Buffer.from(delta.rawData));
    const later = new x509.X509Crl(await pki.crl.currentDelta(new Date(Date.now() + 16 * MINUTE)));
    expect(crlNumberOf(later)!).toBeGreaterThan(crlNumberOf(delta)!);
    expect(crlNumberOf(later, ExtensionOid.deltaCrlIndicator)).toBe(BigInt(base.number));
    // Once the base is stale, serving the delta publishes a new base first and completes that one.
    const muchLater = new x509.X509Crl(await pki.crl.currentDelta(new Date(Date.now() + 61 * MINUTE)));
    expect(crlNumberOf(muchLater, ExtensionOid.deltaCrlIndicator)!).toBeGreaterThan(BigInt(base.number));
  });

  it('publishes base and delta CRLs through the activities a Temporal schedule calls', async () => {
    const activities = createPkiActivities(pki);
    const fresh = await pki.crl.publishBase();
    const due = await activities.publishBaseCrl({ onlyIfDue: true });
    expect(due.base).toMatchObject({ issuer: 'issuing', kind: 'base', number: fresh.number, published: false });
    expect(due.root).toMatchObject({ issuer: 'root', kind: 'base' });
    expect(typeof due.base.thisUpdate).toBe('string');
    const forced = await activities.publishBaseCrl();
    expect(forced.base.published).toBe(true);
    const delta = await activities.publishDeltaCrl();
    expect(delta).toMatchObject({ issuer: 'issuing', kind: 'delta', baseNumber: forced.base.number, published: true });
    expect(delta).not.toHaveProperty('der');
    expect(BigInt(delta.number)).toBeGreaterThan(BigInt(forced.base.number));
  });
});
