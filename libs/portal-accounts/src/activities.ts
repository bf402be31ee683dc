import type { DataSource } from 'typeorm';
import type { PortalAccountCheck } from '@app/contracts';
import { maskIin } from '@app/identity';
import type { MailSender } from '@app/mail';
import { AuditJournalEntry, AuthSession, PortalAccount } from '@app/models';
import { deletionNoticeMail } from './portal-mail';

export interface PortalAccountActivityDeps {
  dataSource: DataSource;
  mail: MailSender;
  /** The portal's sign-in page: the notice asks the person to sign in there. */
  signInUrl: string;
  clock?: () => Date;
}

const DAY_MS = 86_400_000;

/**
 * Activities of a temporary account's life. The workflow's timers decide when to look; MySQL decides
 * what is true: a sign-in the workflow has not heard of (a lost signal) or full rights stop the step,
 * and the workflow starts the clock again from what was found.
 */
export function createPortalAccountActivities(deps: PortalAccountActivityDeps) {
  const clock = deps.clock ?? (() => new Date());
  const signedInSince = (account: PortalAccount, idleSince: string) => account.lastSignInAt !== null && account.lastSignInAt.getTime() > new Date(idleSince).getTime();

  return {
    /**
     * Seed 000: after 2 months without a sign-in, the e-mail «Уважаемый Пользователь, уведомляем, что по
     * истечению 30 календарных дней учетная запись … будет автоматически удалена…». Sent once per stretch
     * without a sign-in (a retry after the send does not send again).
     */
    async sendTemporaryAccountNotice(input: { accountId: string; idleSince: string; deleteAfterNoticeMs: number }): Promise<PortalAccountCheck> {
      const accounts = deps.dataSource.getRepository(PortalAccount);
      const account = await accounts.findOneBy({ id: input.accountId });
      if (!account) return { outcome: 'gone' };
      if (account.rights === 'full') return { outcome: 'full_rights' };
      if (signedInSince(account, input.idleSince)) return { outcome: 'signed_in', lastSignInAt: account.lastSignInAt!.toISOString() };
      if (account.deletionNoticeSentAt && account.deletionNoticeSentAt.getTime() >= new Date(input.idleSince).getTime()) return { outcome: 'done' };
      if (account.email) {
        const days = Math.max(1, Math.round(input.deleteAfterNoticeMs / DAY_MS));
        await deps.mail.send({ to: account.email, ...deletionNoticeMail({ language: account.language, link: deps.signInUrl, days }) });
      }
      const now = clock();
      await accounts.update({ id: account.id }, { deletionNoticeSentAt: now, updatedAt: now });
      return { outcome: 'done' };
    },

    /**
     * Seed 000, «Условие 1»: no sign-in within the month after the notice, the account is deleted — the
     * row with its personal data and its sessions; the IIN may register again («Условие 2»).
     */
    async deleteTemporaryAccount(input: { accountId: string; idleSince: string }): Promise<PortalAccountCheck> {
      return deps.dataSource.transaction(async (manager) => {
        const account = await manager.getRepository(PortalAccount).findOne({ where: { id: input.accountId }, lock: { mode: 'pessimistic_write' } });
        if (!account) return { outcome: 'gone' };
        if (account.rights === 'full') return { outcome: 'full_rights' };
        if (signedInSince(account, input.idleSince)) return { outcome: 'signed_in', lastSignInAt: account.lastSignInAt!.toISOString() };
        await manager.delete(AuthSession, { kind: 'citizen', subjectId: account.id });
        await manager.delete(PortalAccount, { id: account.id });
        await manager.insert(AuditJournalEntry, {
          at: clock(),
          actorKind: 'system',
          actorId: null,
          action: 'portal.account_deleted',
          target: maskIin(account.login),
          detail: { reason: 'temporary_account_unused', idleSince: input.idleSince },
          clientAddress: null,
        });
        return { outcome: 'done' };
      });
    },
  };
}

export type PortalAccountActivities = ReturnType<typeof createPortalAccountActivities>;
