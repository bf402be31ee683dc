import type { ApplicationStatus, SubjectType } from '@app/contracts/application';
import { request } from '../api';
import { signDetached, type OpenedContainer } from '../keys/pkcs12-signing';

/** As libs/contracts/src/portal-accounts.ts has them (that module is the workflow's too, not for the browser). */
export type PortalRights = 'temporary' | 'full';
export interface PortalAccountLifeView {
  phase: 'temporary' | 'notified' | 'deleted' | 'full_rights';
  noticeAt?: string;
  deleteAt?: string;
}

export interface PortalAccountView {
  login: string;
  subjectType: SubjectType;
  rights: PortalRights;
  email: string | null;
}

export interface PortalSession {
  token: string;
  expiresAt: string;
  account: PortalAccountView;
  /** How the session was opened: a signature gives full rights and «Смена пароля по ЭЦП». */
  signedInWith: 'password' | 'signature';
  /** A signature sign-in into a profile without an e-mail: ask for it («Сохранить»). */
  emailRequired?: boolean;
}

export interface PortalProfile extends PortalAccountView {
  registeredAt: string;
  lastSignInAt: string | null;
  life?: PortalAccountLifeView;
}

export interface ServiceHistory {
  rights: PortalRights;
  requestNumberShown: boolean;
  items: Array<{ date: string; service: string; status: ApplicationStatus; requestNumber?: string }>;
}

export interface ServiceCheck {
  requestNumber: string;
  status: ApplicationStatus;
  nucApplicationNumber: string | null;
  history: Array<{ status: ApplicationStatus; at: string }>;
}

export interface PersonCheck {
  registrationToken: string;
  person: { iin: string; documentNumber: string; birthDate: string };
}

export interface Terms {
  temporaryRightsDays: number;
}

/** The e-mails go in Kazakh or Russian (the seed's two); an English page gets them in Russian. */
export const mailLanguage = (language: string) => (language === 'kk' ? 'kk' : 'ru');

const BASE = '/api/v1/portal';
const STORAGE_KEY = 'digital-id.portal-session';

/** The session lives in this tab only (sessionStorage): it ends with the tab, and on the server on «Выйти». */
export const sessionStore = {
  load(): PortalSession | undefined {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as PortalSession) : undefined;
  },
  save(session: PortalSession | undefined): void {
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  },
};

/** Asks a challenge, signs it here with the AUTH container (the key never leaves the browser). */
async function signedChallenge(purpose: 'sign_in' | 'registration', container: OpenedContainer): Promise<{ challengeId: string; signature: string }> {
  const challenge = await request<{ challengeId: string; challenge: string }>('POST', `${BASE}/signature-challenges`, { body: { purpose } });
  return { challengeId: challenge.challengeId, signature: await signDetached(container, challenge.challenge) };
}

export const portalApi = {
  terms: () => request<Terms>('GET', `${BASE}/registrations/terms`),
  checkPerson: (body: { iin: string; documentNumber: string; birthDate: string; agreementAccepted: boolean; registrationTermsAccepted: boolean }) =>
    request<PersonCheck>('POST', `${BASE}/registrations/temporary/person-check`, { body }),
  registerTemporary: (body: { registrationToken: string; password: string; passwordConfirmation: string; email: string; language: 'ru' | 'kk' }) =>
    request<{ message: string }>('POST', `${BASE}/registrations/temporary`, { body }),
  async registerWithSignature(container: OpenedContainer, body: { password: string; passwordConfirmation: string; email: string; language: 'ru' | 'kk' }) {
    return request<{ message: string }>('POST', `${BASE}/registrations/signed`, { body: { ...(await signedChallenge('registration', container)), ...body } });
  },
  activate: (token: string) => request<{ login: string; rights: PortalRights }>('POST', `${BASE}/registrations/activation`, { body: { token } }),
  async signIn(login: string, password: string): Promise<PortalSession> {
    const session = await request<Omit<PortalSession, 'signedInWith'>>('POST', `${BASE}/sessions`, { body: { login, password } });
    return { ...session, signedInWith: 'password' };
  },
  async signInWithSignature(container: OpenedContainer): Promise<PortalSession> {
    const session = await request<Omit<PortalSession, 'signedInWith'>>('POST', `${BASE}/sessions/signature`, { body: await signedChallenge('sign_in', container) });
    return { ...session, signedInWith: 'signature' };
  },
  signOut: (token: string) => request<void>('DELETE', `${BASE}/sessions/current`, { token }),
  me: (token: string) => request<PortalProfile>('GET', `${BASE}/me`, { token }),
  saveEmail: (token: string, email: string) => request<{ email: string }>('PUT', `${BASE}/me/email`, { token, body: { email } }),
  changePassword: (token: string, body: { currentPassword?: string; newPassword: string; newPasswordConfirmation: string; email?: string }) =>
    request<void>('PUT', `${BASE}/me/password`, { token, body }),
  recoverByEmail: (body: Record<string, string>) => request<{ message: string }>('POST', `${BASE}/password-recovery/email`, { body }),
  history: (token: string) => request<ServiceHistory>('GET', `${BASE}/me/services`, { token }),
  check: (token: string, requestNumber: string) => request<ServiceCheck>('GET', `${BASE}/me/services/${encodeURIComponent(requestNumber)}`, { token }),
};
