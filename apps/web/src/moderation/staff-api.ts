import { request } from '../api';

/** The moderator's calls with the staff session's bearer token. */
export class StaffApi {
  constructor(
    readonly token: string,
    readonly username: string,
  ) {}

  static async signIn(username: string, password: string, totp: string): Promise<StaffApi> {
    const session = await request<{ token: string }>('POST', '/api/v1/staff/sessions', { body: { username, password, totp } });
    return new StaffApi(session.token, username);
  }

  call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return request<T>(method, path, { token: this.token, body });
  }

  /** An evidence image as an object URL: fetched with the token (an <img src> could not send it), never cached. */
  async image(href: string): Promise<string> {
    const response = await fetch(href, { headers: { authorization: `Bearer ${this.token}` }, cache: 'no-store' });
    if (!response.ok) throw new Error(`${response.status}`);
    return URL.createObjectURL(await response.blob());
  }
}

export interface QueueItem {
  caseId: string;
  applicationId: string;
  template: string;
  reasons: string[];
  status: 'open' | 'escalated' | 'claimed' | 'decided';
  escalated: boolean;
  openedAt: string;
  claim: { moderator: string; until: string } | null;
}

export interface CasePage {
  caseId: string;
  template: string;
  reasons: string[];
  status: QueueItem['status'];
  escalated: boolean;
  openedAt: string;
  claim: { moderator: string; until: string; yours: boolean } | null;
  decided?: { decision: string; reason?: string; moderator: string; at: string };
  detail?: {
    faces: { threshold: number; pairs: Array<{ pair: string; similarity?: number; score?: number; threshold: number; match: boolean; cautions: string[] }> };
    fields: Array<{ field: string; recognised?: string; confirmed?: string; register?: string; correctedByApplicant: boolean; differsFromRegister: boolean }>;
    differences: string[];
    evidence: Array<{ kind: string; href: string }>;
  };
}
