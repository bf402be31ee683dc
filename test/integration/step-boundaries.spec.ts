import { randomUUID } from 'node:crypto';
import { OnboardingClient, peopleWithPhones } from './support/onboarding-client';
import { Applicant } from './support/whole-path';

/** The steps after the code: malformed input is a 4xx a person can act on, out-of-step calls a 409, strangers get nothing. */
describe('Whole-path endpoints at their boundaries', () => {
  const client = new OnboardingClient();
  let applicant: Applicant;
  let stranger: { applicationId: string; token: string };

  beforeAll(async () => {
    const people = await client.people();
    const next = await peopleWithPhones(client, 90);
    const iin = next().iin;
    applicant = new Applicant(client, people.find((p) => p.iin === iin)!);
    await applicant.throughCodes();
    stranger = (await client.start(next().iin)).body;
  }, 120_000);

  it.each([
    ['POST', '/digital-id', { phone: 'not a phone' }, 'phone must be a phone number'],
    ['PUT', '/pin', { pin: '12a456', pinConfirmation: '12a456' }, 'the PIN is made of digits'],
    ['POST', '/document', { type: 'driving_licence', frontScanId: randomUUID() }, 'type must be id_card («Удостоверение») or passport («Паспорт»)'],
    ['POST', '/document/confirmation', { fields: {}, confirmed: false }, '«Подтверждаю, что данные достоверны» must be ticked'],
    ['POST', '/consent', { pin: '135790', consent: false }, 'consent must be given to continue'],
    ['POST', '/nuc-application', { agreementAccepted: false, region: 'x', locality: 'y', keyStorage: 'Персональный компьютер', authCsr: 'AAAA', signCsr: 'AAAA' }, 'the user agreement must be accepted'],
    ['POST', '/nuc-application', { agreementAccepted: true, region: 'x', locality: 'y', keyStorage: 'дискета', authCsr: 'AAAA', signCsr: 'AAAA' }, 'keyStorage must be one of'],
  ])('%s %s with bad input → 400 naming what to fix', async (method, path, body, message) => {
    const answer = await applicant.call(method, path, body);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.message)).toContain(message);
  });

  it('refuses a step that is not the current one with 409 and changes nothing', async () => {
    const early = await applicant.call('PUT', '/pin', { pin: '135790', pinConfirmation: '135790' });
    expect(early.status).toBe(409);
    const video = await applicant.call('POST', '/video-identification/finish');
    expect(video.status).toBe(409);
    expect((await applicant.status()).status).toBe('selfie_required');
  });

  it('keeps strangers out: no token 401, another application\u2019s token 404, an applicant token on the moderators\u2019 route 403', async () => {
    expect((await client.call('POST', `/api/v1/applications/${applicant.id}/video-identification`)).status).toBe(401);
    expect((await client.call('POST', `/api/v1/applications/${applicant.id}/video-identification`, { token: stranger.token })).status).toBe(404);
    expect((await client.call('GET', `/api/v1/moderation/cases/${applicant.id}-1`, { token: applicant.token })).status).toBe(403);
    expect((await client.call('POST', '/api/v1/nuc/applications/12345678901234/installation', { body: { proof: 'AAAA' } })).status).toBe(404);
  });
});
