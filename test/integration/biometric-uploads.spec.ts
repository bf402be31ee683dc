import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { createConnection, type Connection } from 'mysql2/promise';
import { facePath } from '@app/fixtures';
import { readStack } from './support/it-stack';
import { OnboardingClient, peopleWithPhones } from './support/onboarding-client';
import { Applicant } from './support/whole-path';

describe('Biometric uploads: hostile input gets a clear 4xx and nothing is stored', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  const selfie = readFileSync(facePath('stock-emotions-a-3'));
  let db: Connection;
  let application: { applicationId: string; token: string };

  const upload = (body: Buffer, contentType = 'image/jpeg', kind = 'selfie', token = application.token) =>
    fetch(`${client.apiUrl}/api/v1/applications/${application.applicationId}/biometrics/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });
  const storedSamples = async () => Number(((await db.query('SELECT COUNT(*) AS n FROM biometric_samples WHERE application_id = ?', [application.applicationId]))[0] as Array<{ n: number }>)[0].n);

  beforeAll(async () => {
    db = await createConnection({ uri: stack.env.DATABASE_URL });
    const people = await client.people();
    const { iin } = (await peopleWithPhones(client, 50))();
    const started = (await client.start(iin)).body;
    application = { applicationId: started.applicationId, token: started.token };
    expect((await upload(selfie)).status).toBe(409); // before the codes
    const next = (await peopleWithPhones(client, 51))().iin;
    const applicant = new Applicant(client, people.find((p) => p.iin === next)!);
    await applicant.throughCodes();
    application = { applicationId: applicant.id, token: applicant.token };
  }, 120_000);
  afterAll(async () => {
    await db.end();
  });

  it.each([
    { label: 'a zero-byte file', body: () => Buffer.alloc(0), type: 'image/jpeg', status: 400 },
    { label: 'text declared as JPEG', body: () => Buffer.from('this is not an image at all, just words'), type: 'image/jpeg', status: 415 },
    { label: 'a truncated JPEG', body: () => selfie.subarray(0, Math.floor(selfie.length / 3)), type: 'image/jpeg', status: 422 },
    { label: 'a plain-text upload', body: () => Buffer.from('hello'), type: 'text/plain', status: 415 },
  ])('answers $label with HTTP $status and stores nothing', async ({ body, type, status }) => {
    const before = await storedSamples();
    const answer = await upload(body(), type);
    expect(answer.status).toBe(status);
    expect(((await answer.json()) as { message: string }).message.length).toBeGreaterThan(5);
    expect(await storedSamples()).toBe(before);
  });

  it('refuses a PNG sent as JPEG, a decompression bomb and a 30 MB upload, and keeps serving', async () => {
    const before = await storedSamples();
    const png = await sharp(selfie).png().toBuffer();
    expect((await upload(png, 'image/jpeg')).status).toBe(415);
    const bomb = await sharp({ create: { width: 12_000, height: 12_000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect((await upload(bomb, 'image/png')).status).toBe(413);
    expect((await upload(Buffer.alloc(30 * 1024 * 1024, 0xff), 'image/jpeg')).status).toBe(413);
    expect(await storedSamples()).toBe(before);
    expect((await client.get(application.applicationId, application.token)).body.status).toBe('selfie_required');
  });

  it('keeps one applicant out of another applicant\u2019s uploads', async () => {
    const other = (await client.start((await peopleWithPhones(client, 53))().iin)).body;
    expect((await upload(selfie, 'image/jpeg', 'selfie', other.token)).status).toBe(404);
    expect((await upload(selfie, 'image/jpeg', 'register_photo')).status).toBe(409);
    expect((await upload(selfie, 'image/jpeg', 'anything')).status).toBe(400);
  });

  it('stores a real selfie sealed (AES-256-GCM), never in clear, and checks it at once', async () => {
    const answer = await upload(selfie);
    expect(answer.status).toBe(201);
    const { sampleId, kind, outcome } = (await answer.json()) as { sampleId: string; kind: string; outcome: string };
    expect(kind).toBe('selfie');
    expect(outcome).toBe('passed');
    const [rows] = await db.query('SELECT sealed_image FROM biometric_samples WHERE id = ?', [sampleId]);
    const sealed = (rows as Array<{ sealed_image: Buffer }>)[0].sealed_image;
    expect(sealed.length).toBeGreaterThan(selfie.length);
    expect(sealed.includes(selfie.subarray(0, 64))).toBe(false);
  });
});
