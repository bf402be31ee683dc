import { proxyActivities } from '@temporalio/workflow';
import type { PkiActivities, PublishedBaseCrls, PublishedCrlInfo } from '@app/pki';
import { TASK_QUEUES } from '@app/contracts';

// CRL signing on the CA's queue. A failed tick retries a few times, then the next tick tries again.
const pki = proxyActivities<PkiActivities>({
  taskQueue: TASK_QUEUES.pki,
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

export interface CrlPublicationResult {
  /** The issuing CA's base CRL and the root's CRL: new ones when they were due, else the current ones. */
  base: PublishedBaseCrls;
  /** The delta CRL published on this tick, against that base. */
  delta: PublishedCrlInfo;
}

/**
 * One tick of the CRL schedule: a Temporal schedule starts it every `deltaCrlRefreshIntervalMs`
 * (15 minutes by default) on the pki queue. Each tick publishes a base CRL when the latest is older
 * than `crlRefreshIntervalMs` (and the root's CRL at half its life), then a delta CRL against the
 * latest base. Revocations publish their own delta at once; this keeps every CRL fresh between them.
 */
export async function crlPublicationWorkflow(): Promise<CrlPublicationResult> {
  const base = await pki.publishBaseCrl({ onlyIfDue: true });
  const delta = await pki.publishDeltaCrl();
  return { base, delta };
}
