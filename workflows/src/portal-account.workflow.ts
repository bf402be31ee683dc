import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { PortalAccountActivities } from '@app/portal-accounts';
import {
  getPortalAccountLifeQuery,
  portalFullRightsSignal,
  portalSignedInSignal,
  type PortalAccountCheck,
  type PortalAccountLifeInput,
  type PortalAccountLifeView,
  type PortalAccountPhase,
} from '@app/contracts';

// A mail relay or database outage must not cost an account its life, nor its deletion: retry, without a limit.
const portal = proxyActivities<PortalAccountActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Sign-ins one run keeps in its history before it continues as new. */
const SIGN_INS_PER_RUN = 500;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The life of one temporary portal account (seed 000): after `noticeAfterMs` without a sign-in the
 * notice e-mail, after `deleteAfterNoticeMs` more the deletion. Every sign-in (a signal, or one the
 * activities find in MySQL) starts the clock again; full rights (a sign-in with a signature) end it.
 * Returns how the life ended: `deleted` or `full_rights`.
 */
export async function portalAccountWorkflow(input: PortalAccountLifeInput): Promise<PortalAccountPhase> {
  let idleSince = new Date(input.idleSince).getTime();
  let fullRights = false;
  let signIns = 0;
  const view: PortalAccountLifeView = { accountId: input.accountId, phase: 'temporary', idleSince: input.idleSince };

  const signedInAt = (at: string) => {
    idleSince = Math.max(idleSince, new Date(at).getTime());
  };
  setHandler(portalSignedInSignal, ({ at }) => {
    signIns++;
    signedInAt(at);
  });
  setHandler(portalFullRightsSignal, () => {
    fullRights = true;
  });
  setHandler(getPortalAccountLifeQuery, () => view);

  /** What an activity found instead of the account as the timer left it; null when the step was done. */
  const ended = (check: PortalAccountCheck): PortalAccountPhase | 'restart' | null => {
    switch (check.outcome) {
      case 'done':
        return null;
      case 'signed_in':
        signedInAt(check.lastSignInAt);
        return 'restart';
      case 'full_rights':
        return 'full_rights';
      case 'gone':
        return 'deleted';
    }
  };
  const finish = (phase: PortalAccountPhase) => {
    Object.assign(view, { phase, noticeAt: undefined, deleteAt: undefined });
    return phase;
  };

  for (;;) {
    if (signIns >= SIGN_INS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof portalAccountWorkflow>({ ...input, idleSince: iso(idleSince) });
    }
    const since = idleSince;
    const movedOn = () => fullRights || idleSince !== since;
    Object.assign(view, { phase: 'temporary', idleSince: iso(since), noticeAt: iso(since + input.noticeAfterMs), noticeSentAt: undefined, deleteAt: undefined });

    if (await condition(movedOn, Math.max(1, since + input.noticeAfterMs - new Date().getTime()))) {
      if (fullRights) return finish('full_rights');
      continue;
    }
    const notice = ended(await portal.sendTemporaryAccountNotice({ accountId: input.accountId, idleSince: iso(since), deleteAfterNoticeMs: input.deleteAfterNoticeMs }));
    if (notice === 'restart') continue;
    if (notice) return finish(notice);

    const noticeSentAt = new Date().getTime();
    Object.assign(view, { phase: 'notified', noticeAt: undefined, noticeSentAt: iso(noticeSentAt), deleteAt: iso(noticeSentAt + input.deleteAfterNoticeMs) });
    if (await condition(movedOn, input.deleteAfterNoticeMs)) {
      if (fullRights) return finish('full_rights');
      continue;
    }
    const deletion = ended(await portal.deleteTemporaryAccount({ accountId: input.accountId, idleSince: iso(since) }));
    if (deletion === 'restart') continue;
    return finish(deletion ?? 'deleted');
  }
}
