import { HttpLegalEntityRegisterClient, HttpStateRegisterClient, RegisterUnavailableError } from '@app/registers';
import { NOT_CITIZEN_MESSAGE, PROSECUTOR_RECORD_MESSAGE, populationDepartmentMessage } from '@app/eligibility';
import { readStack } from './support/it-stack';
import { OnboardingClient, isEligible, peopleWithPhones } from './support/onboarding-client';

describe('State registers (ГБД ФЛ, ГБД ЮЛ) and the eligibility rules', () => {
  const client = new OnboardingClient();
  const stack = readStack();
  const http = { baseUrl: client.registerUrl, apiKey: stack.env.REGISTER_API_KEY, timeoutMs: 3000 };

  describe('HTTP adapters against the simulator', () => {
    const people = new HttpStateRegisterClient(http);
    const legalEntities = new HttpLegalEntityRegisterClient(http);

    it('reads a person, with names in Cyrillic and in the zone Latin, and their documents', async () => {
      const person = await people.findPerson('880515300120');
      expect(person).toMatchObject({ iin: '880515300120', surname: 'Сейткали', latin: { surname: 'SEITKALI', name: 'ERLAN' }, lifeStatus: 1, citizenship: 'KZ' });
      expect(person!.documents.length).toBeGreaterThan(0);
      expect(person).not.toHaveProperty('bmgPhone');
    });

    it('answers null for an unknown IIN and BIN', async () => {
      expect(await people.findPerson('000101500019')).toBeNull();
      expect(await legalEntities.findLegalEntity('070340001238')).toBeNull();
    });

    it('serves the register photo as a JPEG for the people whose photos are in the fixtures', async () => {
      const withPhoto = (await client.people()).find((p) => p.photoFile)!;
      const photo = await people.fetchPhoto(withPhoto.iin);
      expect(photo!.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(await people.fetchPhoto('880515300120')).toBeNull();
    });

    it('reads a legal entity with its first head and employees', async () => {
      expect(await legalEntities.findLegalEntity('070340001239')).toMatchObject({ firstHeadIin: '950408300015', employees: [{ iin: '880515300120', roles: ['employee'] }] });
    });

    it('is refused without the service-bus key, and reports an outage as unavailability', async () => {
      await expect(new HttpStateRegisterClient({ ...http, apiKey: 'wrong-key-wrong-key' }).findPerson('880515300120')).rejects.toBeInstanceOf(RegisterUnavailableError);
      await client.outage(500);
      await expect(people.findPerson('880515300120')).rejects.toThrow(/HTTP 503/);
      await new Promise((r) => setTimeout(r, 600));
      await expect(people.findPerson('880515300120')).resolves.not.toBeNull();
    });
  });

  describe('through the API: each rule answers with the seed message, and no SMS is sent', () => {
    const refused = async (body: Record<string, unknown>) => {
      const answer = await client.call('POST', '/api/v1/applications', { body });
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ status: 'ineligible', nextStep: 'visit_service_center' });
      return answer.body.message as string;
    };

    it.each([
      ['deceased (life status 9)', (p: any) => p.lifeStatus === 9, populationDepartmentMessage(9)],
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((code) => [`IIN exclusion code ${code}`, (p: any) => p.exclusionCode === code && p.lifeStatus === 1, populationDepartmentMessage(code)] as const),
      ['on the prosecutor record (capacity 4)', (p: any) => p.capacityCode === 4 && p.exclusionCode === null, PROSECUTOR_RECORD_MESSAGE],
      ['incapacitated (capacity 3)', (p: any) => p.capacityCode === 3 && p.exclusionCode === null, /недееспособным/],
      ['not a citizen', (p: any) => p.citizenship !== 'KZ', NOT_CITIZEN_MESSAGE],
    ] as Array<[string, (p: any) => boolean, string | RegExp]>)('refuses a seeded person who is %s', async (_label, select, message) => {
      const person = (await client.people()).find(select)!;
      expect(person).toBeDefined();
      const text = await refused({ subjectType: 'individual', iin: person.iin, template: 'individual' });
      if (typeof message === 'string') expect(text).toBe(message);
      else expect(text).toMatch(message);
      expect(person.bmgPhone && (await client.messagesTo(person.bmgPhone))).toEqual([]);
    });

    it('admits the employee of 070340001239 with the employee template, and refuses them the first-head template', async () => {
      const started = await client.start('880515300120', { subjectType: 'legal_entity', bin: '070340001239', template: 'legal_entity_employee' });
      expect(['otp_sent', 'otp_cooldown']).toContain(started.body.status);
      expect(await refused({ subjectType: 'legal_entity', iin: '880515300120', bin: '070340001239', template: 'legal_entity_first_head' })).toMatch(/только первому руководителю/);
    });

    it('admits the first head of 070340001239 with the first-head template', async () => {
      const started = await client.start('950408300015', { subjectType: 'legal_entity', bin: '070340001239', template: 'legal_entity_first_head' });
      expect(started.body.status).toBe('otp_sent');
    });

    it('refuses an unknown BIN, a liquidated legal entity, and an IIN that does not work there', async () => {
      const someone = (await client.people()).find((p) => isEligible(p) && p.bmgPhone && p.iin === '880515300120')!;
      expect(await refused({ subjectType: 'legal_entity', iin: someone.iin, bin: '990440099999', template: 'legal_entity_employee' })).toMatch(/БИН не найден/);
      const liquidated = (await client.legalEntities()).find((e) => e.state === 'liquidated')!;
      expect(await refused({ subjectType: 'legal_entity', iin: liquidated.firstHeadIin, bin: liquidated.bin, template: 'legal_entity_first_head' })).toMatch(/ликвидировано/);
      expect(await refused({ subjectType: 'legal_entity', iin: '900101400559', bin: '070340001239', template: 'legal_entity_employee' })).toMatch(/не является руководителем или сотрудником/);
    });
  });

  it('waits out a register outage during an application and goes on when the register is back', async () => {
    const { iin, phone } = (await peopleWithPhones(client, 40))();
    await client.outage(5000);
    const started = await client.start(iin);
    expect(started.status).toBe(201);
    expect(started.body.status).toBe('checking_phone');
    expect(await client.messagesTo(phone)).toEqual([]);
    const done = await client.waitForStatus(started.body.applicationId, started.body.token, 'otp_sent', 30_000);
    expect(done.history.map((h: { status: string }) => h.status)).toEqual(['checking_phone', 'otp_sent']);
    expect(await client.messagesTo(phone)).toHaveLength(1);
  });
});
