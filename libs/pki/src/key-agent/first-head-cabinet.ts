import { KeyAgentError } from './key-agent';
import { signWithInstalledKey } from './signing';

/*
 * The first head's side of the cabinet (seed 002 step 27, «личный кабинет» of the first head): what
 * NCALayer does in the browser — sign the server's challenge with the AUTH key to sign in, and the
 * application's canonical content with the SIGN key to approve it.
 */

export interface FirstHeadSession {
  token: string;
  expiresAt: string;
  iinMasked: string;
  bin: string;
  organizationName: string;
  capacity: string;
}

/** Signs in: a fresh challenge from the API, signed (detached CMS) with the AUTH key of `dir`. */
export async function firstHeadSignIn(input: { dir: string; apiUrl: string; password: string }): Promise<FirstHeadSession> {
  const api = input.apiUrl.replace(/\/+$/, '');
  const challenge = await request<{ challengeId: string; challenge: string }>('POST', `${api}/api/v1/first-head/challenges`);
  const { signature } = await signWithInstalledKey({ dir: input.dir, kind: 'AUTH', password: input.password, content: Buffer.from(challenge.challenge, 'utf8') });
  return request<FirstHeadSession>('POST', `${api}/api/v1/first-head/sessions`, { body: { challengeId: challenge.challengeId, signature } });
}

/** Approves application `number`: its canonical content, as the API shows it, signed with the SIGN key of `dir`. */
export async function approveAsFirstHead(input: { dir: string; apiUrl: string; password: string; token: string; number: string }): Promise<unknown> {
  const url = `${input.apiUrl.replace(/\/+$/, '')}/api/v1/first-head/applications/${encodeURIComponent(input.number)}`;
  const application = await request<{ approvalContent: { text: string } }>('GET', url, { token: input.token });
  const { signature } = await signWithInstalledKey({ dir: input.dir, kind: 'SIGN', password: input.password, content: Buffer.from(application.approvalContent.text, 'utf8') });
  return request('POST', `${url}/approval`, { token: input.token, body: { signature } });
}

async function request<T>(method: string, url: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const message = typeof body === 'object' && body && 'message' in body ? String(body.message) : text;
    throw new KeyAgentError(`${res.status} from ${url}: ${message}`);
  }
  return body as T;
}
