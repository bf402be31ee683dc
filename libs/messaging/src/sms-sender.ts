import twilio from 'twilio';
import type { RequestOptions } from 'twilio/lib/base/RequestClient';

/** Sends one SMS; resolves with the provider's message id once the provider accepted it. */
export interface SmsSender {
  send(to: string, body: string): Promise<{ providerMessageId: string }>;
}

export interface TwilioSmsOptions {
  accountSid: string;
  authToken: string;
  from: string;
  /** Send to this origin instead of https://api.twilio.com (the local Twilio-compatible endpoint). Unset in production. */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

/**
 * The SDK's own HTTP client, pointed at another origin. The SDK builds every request URI itself;
 * only the origin changes, so requests, auth and parsing are exactly what production sends.
 */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly origin: string, timeoutMs: number) {
    super({ timeout: timeoutMs });
  }

  override request<TData>(opts: RequestOptions<TData>) {
    const uri = opts.uri.startsWith(TWILIO_API_ORIGIN) ? this.origin + opts.uri.slice(TWILIO_API_ORIGIN.length) : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}

export class TwilioSmsSender implements SmsSender {
  private readonly client: twilio.Twilio;

  constructor(private readonly options: TwilioSmsOptions) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const httpClient = options.apiBaseUrl ? new RedirectingRequestClient(options.apiBaseUrl.replace(/\/$/, ''), timeoutMs) : new twilio.RequestClient({ timeout: timeoutMs });
    this.client = twilio(options.accountSid, options.authToken, { httpClient });
  }

  async send(to: string, body: string): Promise<{ providerMessageId: string }> {
    const message = await this.client.messages.create({ to, from: this.options.from, body });
    return { providerMessageId: message.sid };
  }
}
