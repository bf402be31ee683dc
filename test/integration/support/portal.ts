import { randomBytes } from 'node:crypto';
import { readStack } from './it-stack';
import { isEligible, sleep, type HttpAnswer, type OnboardingClient, type SeededPersonView } from './onboarding-client';

export interface MailpitMessage {
  ID: string;
  Subject: string;
  To: Array<{ Address: string }>;
  Text: string;
  HTML: string;
}

/** The integration stack's Mailpit, read through its HTTP API as a person reads their mailbox. */
export class Mailpit {
  readonly url: string;

  constructor() {
    this.url = `http://127.0.0.1:${readStack().ports.mailUi}`;
  }

  /** Messages to this address, oldest first. */
  async messagesTo(address: string): Promise<MailpitMessage[]> {
    const listed = (await (await fetch(`${this.url}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=50`)).json()) as { messages: Array<{ ID: string }> };
    const messages = await Promise.all(listed.messages.map(async (m) => (await fetch(`${this.url}/api/v1/message/${m.ID}`)).json() as Promise<MailpitMessage>));
    return messages.reverse();
  }

  /** Waits for the `n`-th message to the address. */
  async nthMessageTo(address: string, n: number, timeoutMs = 15_000): Promise<MailpitMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await this.messagesTo(address);
      if (messages.length >= n) return messages[n - 1];
      if (Date.now() > deadline) throw new Error(`message #${n} to ${address} did not arrive in ${timeoutMs} ms (${messages.length} there)`);
      await sleep(200);
    }
  }

  /** Waits for a message to the address that passes `test` (e.g. by subject). */
  async messageTo(address: string, test: (message: MailpitMessage) => boolean, timeoutMs = 15_000): Promise<MailpitMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.messagesTo(address)).find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such message to ${address} in ${timeoutMs} ms`);
      await sleep(200);
    }
  }

  /** Mailpit's chaos: its SMTP server refuses every recipient (451) while on. */
  async refuseRecipients(on: boolean): Promise<void> {
    const answer = await fetch(`${this.url}/api/v1/chaos`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Recipient: { ErrorCode: 451, Probability: on ? 100 : 0 } }),
    });
    if (!answer.ok) throw new Error(`Mailpit chaos: ${answer.status}`);
  }
}

/** The activation link itself, as the person clicks it in the e-mail. */
export function activationLink(text: string): string {
  const link = /https?:\/\/\S+\/portal\/registration\/confirm\?token=\S+/.exec(text);
  if (!link) throw new Error(`no activation link in: ${text}`);
  return link[0];
}

/** The activation link's token, as the activation page would take it from the link. */
export function linkToken(text: string): string {
  const link = /https?:\/\/\S+\/portal\/registration\/confirm\?token=(\S+)/.exec(text);
  if (!link) throw new Error(`no activation link in: ${text}`);
  return decodeURIComponent(link[1]);
}

const NAMED_IINS = ['880515300120', '900101400559', '950408300015', '010210656226'];

/**
 * Hands out seeded people who may have an account (register rules passed, a valid document, a БМГ
 * phone for the service history), a different one to each caller, far from the other tests' offsets.
 */
export async function portalPeople(client: OnboardingClient, offset = 150): Promise<() => SeededPersonView> {
  const people = (await client.people()).filter((p) => p.bmgPhone && isEligible(p) && !NAMED_IINS.includes(p.iin) && !p.photoFile && p.documents.some((d) => d.state === 'valid'));
  let next = offset;
  return () => {
    const person = people[next++];
    if (!person) throw new Error('ran out of seeded people for portal accounts');
    return person;
  };
}

export const validDocument = (person: SeededPersonView) => person.documents.find((d) => d.state === 'valid')!;

export const freshEmail = (person: SeededPersonView) => `${person.latin.name.toLowerCase()}.${randomBytes(3).toString('hex')}@mail.kz`;

/** Step 1, «Найти», with both acceptances given. */
export function checkPerson(client: OnboardingClient, person: SeededPersonView, overrides: Record<string, unknown> = {}): Promise<HttpAnswer> {
  return client.call('POST', '/api/v1/portal/registrations/temporary/person-check', {
    body: { iin: person.iin, documentNumber: validDocument(person).number, birthDate: person.birthDate, agreementAccepted: true, registrationTermsAccepted: true, ...overrides },
  });
}

export function submitPassword(client: OnboardingClient, registrationToken: string, password: string, email: string, extra: Record<string, unknown> = {}): Promise<HttpAnswer> {
  return client.call('POST', '/api/v1/portal/registrations/temporary', { body: { registrationToken, password, passwordConfirmation: password, email, ...extra } });
}

export function activate(client: OnboardingClient, token: string): Promise<HttpAnswer> {
  return client.call('POST', '/api/v1/portal/registrations/activation', { body: { token } });
}

export function signIn(client: OnboardingClient, login: string, password: string): Promise<HttpAnswer> {
  return client.call('POST', '/api/v1/portal/sessions', { body: { login, password } });
}

export interface TemporaryAccount {
  person: SeededPersonView;
  login: string;
  password: string;
  email: string;
}

/** A person through the whole temporary registration: «Найти», password and e-mail, the link from Mailpit. */
export async function registerTemporary(client: OnboardingClient, mailpit: Mailpit, person: SeededPersonView, language?: 'ru' | 'kk'): Promise<TemporaryAccount> {
  const email = freshEmail(person);
  const password = `Pw${randomBytes(6).toString('hex')}`;
  const checked = await checkPerson(client, person);
  if (checked.status !== 200) throw new Error(`person check: ${checked.status} ${JSON.stringify(checked.body)}`);
  const submitted = await submitPassword(client, checked.body.registrationToken, password, email, language ? { language } : {});
  if (submitted.status !== 202) throw new Error(`registration: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const activated = await activate(client, linkToken((await mailpit.nthMessageTo(email, 1)).Text));
  if (activated.status !== 201) throw new Error(`activation: ${activated.status} ${JSON.stringify(activated.body)}`);
  return { person, login: person.iin, password, email };
}
