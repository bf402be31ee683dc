import { createConnection } from 'mysql2/promise';
import { readStack } from './support/it-stack';
import { OnboardingClient, peopleWithPhones } from './support/onboarding-client';

describe('API boundaries: validation, authorisation, operations endpoints', () => {
  const client = new OnboardingClient();
  const stack = readStack();

  const countApplications = async () => {
    const db = await createConnection({ uri: stack.env.DATABASE_URL });
    const [rows] = await db.query('SELECT COUNT(*) AS n FROM applications');
    await db.end();
    return Number((rows as Array<{ n: number }>)[0].n);
  };

  it('answers an IIN with a wrong check digit with «неверный ИИН» and stores nothing', async () => {
    const before = await countApplications();
    const answer = await client.start('880515300121');
    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual(['неверный ИИН']);
    expect(await countApplications()).toBe(before);
  });

  it.each([
    ['a missing IIN', { subjectType: 'individual', template: 'individual' }, /неверный ИИН/],
    ['letters in the IIN', { subjectType: 'individual', iin: '88051530012A', template: 'individual' }, /неверный ИИН/],
    ['an unknown subject type', { subjectType: 'robot', iin: '880515300120', template: 'individual' }, /subjectType must be one of/],
    ['an unknown template', { subjectType: 'individual', iin: '880515300120', template: 'king' }, /template must be one of/],
    ['a legal entity without BIN', { subjectType: 'legal_entity', iin: '880515300120', template: 'legal_entity_employee' }, /bin is required|неверный БИН/],
    ['a legal entity with a bad BIN', { subjectType: 'legal_entity', iin: '880515300120', bin: '070340001238', template: 'legal_entity_employee' }, /неверный БИН/],
    ['an individual with a legal-entity template', { subjectType: 'individual', iin: '880515300120', template: 'legal_entity_first_head' }, /individual applies with/],
    ['an unexpected field', { subjectType: 'individual', iin: '880515300120', template: 'individual', admin: true }, /should not exist/],
  ])('rejects %s with a 400 that says what is wrong', async (_label, body, message) => {
    const answer = await client.call('POST', '/api/v1/applications', { body });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.message)).toMatch(message);
  });

  it('rejects a malformed JSON body and an oversized one with a 4xx, and keeps serving', async () => {
    const malformed = await fetch(`${client.apiUrl}/api/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"iin": ' });
    expect(malformed.status).toBe(400);
    const huge = await fetch(`${client.apiUrl}/api/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ iin: 'x'.repeat(200_000) }) });
    expect(huge.status).toBe(413);
    expect((await client.call('GET', '/health/live')).status).toBe(200);
  });

  it('lets each applicant see only their own application: no token 401, another token 404', async () => {
    const nextPerson = await peopleWithPhones(client, 20);
    const a = (await client.start(nextPerson().iin)).body;
    const b = (await client.start(nextPerson().iin)).body;
    expect((await client.get(a.applicationId, a.token)).status).toBe(200);
    expect((await client.call('GET', `/api/v1/applications/${a.applicationId}`)).status).toBe(401);
    expect((await client.get(a.applicationId, b.token)).status).toBe(404);
    expect((await client.submitOtp(a.applicationId, b.token, '12345')).status).toBe(404);
    expect((await client.resend(a.applicationId, b.token)).status).toBe(404);
    expect((await client.get(a.applicationId, 'not-a-token')).status).toBe(404);
    expect((await client.get('not-a-uuid', a.token)).status).toBe(404);
  });

  it('rejects a code of the wrong shape before it reaches the workflow', async () => {
    const nextPerson = await peopleWithPhones(client, 22);
    const a = (await client.start(nextPerson().iin)).body;
    const letters = await client.submitOtp(a.applicationId, a.token, 'abcde');
    expect(letters.status).toBe(400);
    const short = await client.submitOtp(a.applicationId, a.token, '1234');
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/5 цифр/);
  });

  it('reports readiness of the database and Temporal, and serves the OpenAPI document', async () => {
    const ready = await client.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, temporal: { status: 'up' } });
    const docs = await client.call('GET', '/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/applications', '/api/v1/applications/{id}/otp', '/api/v1/applications/{id}/otp/resend']));
  });

  it('publishes the CA hierarchy and the CRL of the certification authority', async () => {
    const root = await fetch(`${client.apiUrl}/pki/ca/root.crt`);
    expect(root.status).toBe(200);
    expect(await root.text()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const issuing = await fetch(`${client.apiUrl}/pki/ca/issuing.crt`);
    expect(await issuing.text()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const crl = await fetch(`${client.apiUrl}/pki/crl`);
    expect(crl.status).toBe(200);
    expect(Buffer.from(await crl.arrayBuffer())[0]).toBe(0x30); // a DER SEQUENCE
    expect((await client.call('GET', '/api/v1/nuc/applications/12345678901234')).status).toBe(404);
  });

  it('never writes an IIN or a phone number in clear to any log', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { IT_DIR } = await import('./support/it-stack');
    const people = await client.people();
    const logs = readdirSync(IT_DIR).filter((f) => f.endsWith('.log') && f !== 'temporal.log').map((f) => readFileSync(`${IT_DIR}/${f}`, 'utf8')).join('\n');
    expect(logs.length).toBeGreaterThan(1000);
    const leaked = people.filter((p) => logs.includes(p.iin) || (p.bmgPhone && logs.includes(p.bmgPhone.slice(1))));
    expect(leaked).toEqual([]);
  });
});
