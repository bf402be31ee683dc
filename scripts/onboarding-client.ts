import type { ApplicationStatus } from '@app/contracts';
import type { PersonRecord } from '@app/registers';
import type { StackPorts } from './stack';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** What a client needs to know of a running stack: its ports and, for the БМГ operator endpoint, the register's API key. */
export interface StackAddress {
  ports: Pick<StackPorts, 'api' | 'registerSimulator' | 'smsSimulator'>;
  env: NodeJS.ProcessEnv;
}

export type SeededPersonView = PersonRecord & { bmgPhone: string | null; photoFile: string | null };

/** Statuses an application never leaves: waiting there for another one is waiting in vain. */
export const ENDED_STATUSES: readonly ApplicationStatus[] = ['ineligible', 'phone_not_registered', 'superseded', 'abandoned', 'rejected', 'annulled', 'installed'];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One SMS as the Twilio-compatible simulator lists it. */
export interface SmsMessage {
  readonly to: string;
  readonly from: string;
  readonly body: string;
  readonly dateCreated: string;
}

/**
 * A thin HTTP client of one stack, for the integration tests and the benchmarks: the API, both
 * simulators, and helpers that read the SMS like a person would.
 */
export class OnboardingClient {
  readonly apiUrl: string;
  readonly registerUrl: string;
  readonly smsUrl: string;

  /**
   * `pollMs`: how often `waitForStatus` asks for the status (default 150 ms, so tests move on
   * quickly; the web app asks once a second, apps/web/src/applicant-flow.tsx). Each poll is an API
   * request, a Temporal query and a workflow task on the onboarding worker.
   */
  constructor(
    private readonly stack: StackAddress,
    private readonly options: { pollMs?: number } = {},
  ) {
    this.apiUrl = `http://127.0.0.1:${stack.ports.api}`;
    this.registerUrl = `http://127.0.0.1:${stack.ports.registerSimulator}`;
    this.smsUrl = `http://127.0.0.1:${stack.ports.smsSimulator}`;
  }

  async call<T = any>(method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<HttpAnswer<T>> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  start(iin: string, extra: Record<string, unknown> = {}) {
    return this.call('POST', '/api/v1/applications', { body: { subjectType: 'individual', iin, template: 'individual', ...extra } });
  }

  get(id: string, token: string) {
    return this.call('GET', `/api/v1/applications/${id}`, { token });
  }

  submitOtp(id: string, token: string, code: string) {
    return this.call('POST', `/api/v1/applications/${id}/otp`, { token, body: { code } });
  }

  resend(id: string, token: string) {
    return this.call('POST', `/api/v1/applications/${id}/otp/resend`, { token });
  }

  /** People the register simulator holds, with a phone in the БМГ (or without). */
  async people(): Promise<SeededPersonView[]> {
    return (await fetch(`${this.registerUrl}/_dev/people`)).json() as Promise<SeededPersonView[]>;
  }

  async legalEntities(): Promise<Array<{ bin: string; state: string; firstHeadIin: string; employees: Array<{ iin: string; roles: string[] }> }>> {
    return (await fetch(`${this.registerUrl}/_dev/legal-entities`)).json() as Promise<any>;
  }

  /** Makes every register endpoint answer 503 for a while. */
  async outage(durationMs: number): Promise<void> {
    await fetch(`${this.registerUrl}/_dev/outage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ durationMs }) });
  }

  async registerPhone(iin: string, phone: string): Promise<number> {
    const response = await fetch(`${this.registerUrl}/bmg/phones`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': this.stack.env.REGISTER_API_KEY ?? '' },
      body: JSON.stringify({ iin, phone }),
    });
    return response.status;
  }

  async messagesTo(phone: string): Promise<SmsMessage[]> {
    return (await fetch(`${this.smsUrl}/_dev/messages?to=${encodeURIComponent(phone)}`)).json() as Promise<SmsMessage[]>;
  }

  /**
   * The messages to the phone once there are at least `count` of them (newest first). Notifications
   * are sent by their own activities, so they may land a moment after the status they belong to.
   */
  async messagesUntil(phone: string, count: number, timeoutMs = 15_000): Promise<SmsMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await this.messagesTo(phone);
      if (messages.length >= count || Date.now() >= deadline) return messages;
      await sleep(100);
    }
  }

  /** Waits for the `n`-th SMS to the phone and returns the code in it, as the applicant would read it. */
  async nthCode(phone: string, n: number, timeoutMs = 15_000): Promise<string> {
    const messages = await this.messagesUntil(phone, n, timeoutMs);
    if (messages.length < n) throw new Error(`SMS #${n} to ${phone} did not arrive in ${timeoutMs} ms`);
    const message = messages[messages.length - n];
    const code = /\b(\d{5})\b/.exec(message.body)?.[1];
    if (!code) throw new Error(`no code in SMS: ${message.body}`);
    return code;
  }

  /** Polls until the application reaches `status`; gives up early when it stops at one of `stopAt` instead. */
  async waitForStatus(id: string, token: string, status: string, timeoutMs = 20_000, stopAt: readonly string[] = []): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    let last: any;
    while (Date.now() < deadline) {
      last = (await this.get(id, token)).body;
      if (last?.status === status) return last;
      if (stopAt.includes(last?.status)) break;
      await sleep(this.options.pollMs ?? 150);
    }
    throw new Error(`application ${id} did not reach ${status}; last: ${JSON.stringify(last)}`);
  }
}
