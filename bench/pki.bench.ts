/**
 * PKI benchmark: issuance of an AUTH+SIGN pair (one issueForApplication: row lock, two RSA-2048
 * signatures, inserts, status history) and OCSP answers, uncached (parse, status lookup, RSA
 * signature) and cached (parse, status lookup, the response signed earlier), on MariaDB at
 * 127.0.0.1:3306 in a database of its own (created and dropped).
 *
 *   npm run -s ts bench/pki.bench.ts -- [--pairs 40] [--ocsp 400] [--ocsp-cached 4000] [--concurrency 4]
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { createConnection } from 'mysql2/promise';
import * as pkijs from 'pkijs';
import { DataSource } from 'typeorm';
import { OcspResponder, PKI_ENTITIES, PKI_MIGRATIONS, createPki, generateRsaKeyPair } from '@app/pki';

const DB = 'onboarding_bench_pki';
const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs jobs with the given concurrency; returns per-job latencies and jobs per second. */
async function run(jobs: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<{ samples: number[]; perSecond: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs) {
        const i = next++;
        const t = performance.now();
        await job(i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return { samples, perSecond: (jobs / (performance.now() - started)) * 1000 };
}

function report(label: string, { samples, perSecond }: { samples: number[]; perSecond: number }): void {
  console.log(
    `${label.padEnd(40)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(7)} ms   ${perSecond.toFixed(1).padStart(7)} /s   (n=${samples.length})`,
  );
}

async function sql(statement: string): Promise<void> {
  const c = await createConnection(MYSQL);
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

async function csr(): Promise<string> {
  const keys = await generateRsaKeyPair(2048);
  return (await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=bench', keys: keys as never, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as never })).toString('pem');
}

async function main(): Promise<void> {
  const pairs = arg('pairs', 40);
  const ocspCount = arg('ocsp', 400);
  const ocspCachedCount = arg('ocsp-cached', 4000);
  const concurrency = arg('concurrency', 4);
  await sql(`DROP DATABASE IF EXISTS ${DB}`);
  await sql(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const dataSource = new DataSource({ type: 'mysql', ...MYSQL, username: MYSQL.user, database: DB, entities: PKI_ENTITIES, migrations: PKI_MIGRATIONS, timezone: 'Z' });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const created = performance.now();
    const pki = await createPki(dataSource, { caKeyEncryptionKey: randomBytes(32).toString('base64'), publicBaseUrl: 'http://127.0.0.1:3000' });
    console.log(`CA hierarchy created (RSA-4096 root, RSA-2048 issuing) in ${(performance.now() - created).toFixed(0)} ms; ${concurrency} concurrent jobs below`);

    // Applicant keys are the applicant's cost, not the CA's: made before timing.
    const numbers: string[] = [];
    for (let i = 0; i < pairs * 2 + 1; i++) {
      const app = await pki.applications.create({
        requestId: `bench-${i}`,
        identity: { subjectType: 'individual', iin: '900101300015', surname: 'Тестов', givenName: 'Тест', patronymic: 'Тестович' },
        template: 'Физическое лицо',
        keyStorage: 'Персональный компьютер',
        authCsr: await csr(),
        signCsr: await csr(),
      });
      numbers.push(app.number);
    }
    await pki.authority.issueForApplication(numbers.pop()!); // warm-up
    report('issue AUTH+SIGN pair (sequential)', await run(pairs, 1, (i) => pki.authority.issueForApplication(numbers[i])));
    report(`issue AUTH+SIGN pair (${concurrency} concurrent)`, await run(pairs, concurrency, (i) => pki.authority.issueForApplication(numbers[pairs + i])));

    const issuer = pkijs.Certificate.fromBER(pki.authority.keyring.issuing.rawData);
    const requests: Buffer[] = [];
    const nonceRequests: Buffer[] = [];
    for (const number of numbers.slice(0, 20)) {
      const pair = await pki.authority.certificatesOf(number);
      const ocspRequest = new pkijs.OCSPRequest();
      await ocspRequest.createForCertificate(pkijs.Certificate.fromBER(new x509.X509Certificate(pair.auth.pem).rawData), { hashAlgorithm: 'SHA-1', issuerCertificate: issuer });
      requests.push(Buffer.from(ocspRequest.toSchema(true).toBER(false)));
      // What `openssl ocsp` and NCANode send: the same CertID with a fresh nonce each time.
      ocspRequest.tbsRequest.requestExtensions = [new pkijs.Extension({ extnID: '1.3.6.1.5.5.7.48.1.2', extnValue: new asn1js.OctetString({ valueHex: randomBytes(16) }).toBER() })];
      nonceRequests.push(Buffer.from(ocspRequest.toSchema(true).toBER(false)));
    }
    await pki.revoke((await pki.authority.certificatesOf(numbers[0])).auth.serial, 'keyCompromise');

    // 20 serials (one revoked): a flood of the same few questions, as relying parties ask them.
    const uncached = new OcspResponder(pki.authority.keyring, pki.authority, { cache: false });
    await uncached.respond(requests[0]);
    report('OCSP uncached (sequential)', await run(ocspCount, 1, (i) => uncached.respond(requests[i % requests.length])));
    report(`OCSP uncached (${concurrency} concurrent)`, await run(ocspCount, concurrency, (i) => uncached.respond(requests[i % requests.length])));
    const cached = pki.ocsp;
    for (const r of requests) await cached.respond(r);
    const signedBefore = cached.stats().signatures;
    report('OCSP cached (sequential)', await run(ocspCachedCount, 1, (i) => cached.respond(requests[i % requests.length])));
    report(`OCSP cached (${concurrency} concurrent)`, await run(ocspCachedCount, concurrency, (i) => cached.respond(requests[i % requests.length])));
    report(`OCSP cached, nonce requests (${concurrency} conc.)`, await run(ocspCachedCount, concurrency, (i) => cached.respond(nonceRequests[i % nonceRequests.length])));
    console.log(`RSA signatures during ${3 * ocspCachedCount} cached answers: ${cached.stats().signatures - signedBefore}`);
    // The status read is then the cost: reusing it for a second trades that much delay across processes for no query.
    const statusesCached = new OcspResponder(pki.authority.keyring, pki.authority, { statusCacheMs: 1000 });
    for (const r of requests) await statusesCached.respond(r);
    report(`OCSP cached, status reused 1 s (${concurrency} conc.)`, await run(ocspCachedCount, concurrency, (i) => statusesCached.respond(requests[i % requests.length])));
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await sql(`DROP DATABASE IF EXISTS ${DB}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
