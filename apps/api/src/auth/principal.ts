import type { PortalRights } from '@app/contracts';
import type { StaffRole } from '@app/models';

export type { StaffRole } from '@app/models';

/** Who is calling. Each route says which kind it accepts; no kind stands in for another. */
export type Principal =
  | { kind: 'applicant'; applicationId: string }
  | { kind: 'staff'; staffId: string; username: string; roles: StaffRole[]; sessionId: string }
  | { kind: 'first_head'; iin: string; bin: string; certificateSerial: string; sessionId: string }
  /** A person signed into the portal with their ИИН/БИН (`login`): by password or by signature; temporary or full rights. */
  | { kind: 'citizen'; accountId: string; login: string; rights: PortalRights; signedInWith: 'password' | 'signature'; sessionId: string };

export type PrincipalKind = Principal['kind'];

/** Who an audit entry names: a principal, the system itself, or an anonymous caller. */
export type AuditActor = Principal | { kind: 'system' } | { kind: 'anonymous' };

/** Twelve-digit IINs are journaled and listed masked: the first six (birth date) and the last two. */
export const maskIin = (iin: string) => (iin.length === 12 ? `${iin.slice(0, 6)}****${iin.slice(10)}` : '****');
