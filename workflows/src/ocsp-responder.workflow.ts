import { proxyActivities } from '@temporalio/workflow';
import type { PkiActivities } from '@app/pki';
import { TASK_QUEUES } from '@app/contracts';

const pki = proxyActivities<PkiActivities>({
  taskQueue: TASK_QUEUES.pki,
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
});

export interface OcspResponderCertificateRequest {
  /** The API's own OCSP public key (SPKI DER, base64): its private key never leaves that process. */
  spki: string;
  validityMs: number;
}

/**
 * The internet-facing API asks the CA (on the pki queue, where the CA key is) to certify its own
 * OCSP responder key; it signs OCSP responses with that delegated key, never with a CA key.
 * Returns the certificate, PEM.
 */
export async function ocspResponderCertificateWorkflow(request: OcspResponderCertificateRequest): Promise<string> {
  return pki.certifyOcspResponder(request);
}
