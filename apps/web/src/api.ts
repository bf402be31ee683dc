import type { ApplicationView, CertificateTemplate, SubjectType } from '@app/contracts/application';

/** An answer the API refused, with its code (translated by the page) and its own message (the fallback). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface ErrorBody {
  code?: string;
  message?: string | string[];
  [detail: string]: unknown;
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = (body ?? {}) as ErrorBody;
    const message = Array.isArray(error.message) ? error.message.join('; ') : (error.message ?? response.statusText);
    throw new ApiFailure(response.status, error.code ?? `http_${response.status}`, message, error);
  }
  return body as T;
}

export async function request<T>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  return parse<T>(response);
}

export interface CaptureAnswer {
  outcome: 'passed' | 'retry' | 'exhausted';
  problems?: string[];
  /** Why a document photo was refused (`too_far`, `glare`, `blurred` …). */
  reason?: string;
  application: ApplicationView;
}

export interface StartApplication {
  subjectType: SubjectType;
  template: CertificateTemplate;
  iin: string;
  bin?: string;
  clientChecks: { webcam: boolean; keyAgent: boolean };
}

/** The applicant's calls, with the bearer token the start gave. */
export class ApplicantApi {
  constructor(
    readonly applicationId: string,
    readonly token: string,
    /** What this browser found at the start («Веб-камера имеется», keys can be made here). */
    readonly clientChecks: { webcam: boolean; keyAgent: boolean },
    /** Chosen on the start page: picks the seed's password rule for the key containers. */
    readonly subjectType: SubjectType = 'individual',
  ) {}

  static async start(input: StartApplication): Promise<{ applicationId: string; token: string; application: ApplicationView }> {
    const answer = await request<ApplicationView & { applicationId: string; token: string }>('POST', '/api/v1/applications', { body: input });
    return { applicationId: answer.applicationId, token: answer.token, application: answer };
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return request<T>(method, `/api/v1/applications/${this.applicationId}${path}`, { token: this.token, body });
  }

  view = () => this.call<ApplicationView>('GET', '');
  submitOtp = (code: string) => this.call<{ application?: ApplicationView }>('POST', '/otp', { code });
  resendOtp = () => this.call<{ application?: ApplicationView }>('POST', '/otp/resend');
  digitalId = (phone: string) => this.call<{ application?: ApplicationView }>('POST', '/digital-id', { phone });
  startVideo = () => this.call<ApplicationView>('POST', '/video-identification');
  finishVideo = () => this.call<CaptureAnswer>('POST', '/video-identification/finish');
  setPin = (pin: string, pinConfirmation: string) => this.call<ApplicationView>('PUT', '/pin', { pin, pinConfirmation });
  readDocument = (type: string, frontScanId: string, backScanId?: string) => this.call<CaptureAnswer>('POST', '/document', { type, frontScanId, backScanId });
  confirmDocument = (fields: Record<string, string>) => this.call<ApplicationView>('POST', '/document/confirmation', { fields, confirmed: true });
  consent = (pin: string) => this.call<ApplicationView>('POST', '/consent', { pin, consent: true });
  nucApplication = (form: { email?: string; region: string; locality: string; keyStorage: string; authCsr: string; signCsr: string }) =>
    this.call<{ application?: ApplicationView; nuc: { number: string } }>('POST', '/nuc-application', { agreementAccepted: true, ...form });

  async upload<T>(path: string, image: Blob): Promise<T> {
    const response = await fetch(`/api/v1/applications/${this.applicationId}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': image.type || 'image/jpeg' },
      body: image,
    });
    return parse<T>(response);
  }
}
