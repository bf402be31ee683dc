import { createHash, webcrypto } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import * as x509 from '@peculiar/x509';
import { OCSP_RESPONDER_WORKFLOW_TYPE } from '@app/contracts';
import { PKI, type Pki } from '@app/pki';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { TemporalClient } from '../temporal/temporal.module';

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) } as const;
const RETRY_MAX_MS = 30_000;

/**
 * The API answers OCSP without a CA key (RFC 6960 §4.2.2.2): at start it makes a key pair of its
 * own (the private key is non-extractable and never leaves this process), asks the CA on the pki
 * queue to certify it for id-kp-OCSPSigning, and signs responses with it; renewed at half its life
 * with a new key. Until the first certificate arrives OCSP answers `tryLater`.
 */
@Injectable()
export class OcspDelegation implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OcspDelegation.name);
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(PKI) private readonly pki: Pki,
    private readonly temporal: TemporalClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.pki.signs) return;
    this.schedule(0, 1000);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One renewal: a fresh key, its certificate from the CA, checked, then used. */
  async renew(): Promise<x509.X509Certificate> {
    const keys = (await webcrypto.subtle.generateKey(RSA, false, ['sign', 'verify']));
    const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey));
    const validityMs = this.config.PKI_OCSP_RESPONDER_VALIDITY_SECONDS * 1000;
    const pem = await this.temporal.client.workflow.execute(OCSP_RESPONDER_WORKFLOW_TYPE, {
      taskQueue: this.temporal.taskQueue,
      workflowId: `ocsp-responder-${createHash('sha256').update(spki).digest('hex').slice(0, 32)}`,
      args: [{ spki: spki.toString('base64'), validityMs }],
      workflowExecutionTimeout: '5 minutes',
    });
    const certificate = new x509.X509Certificate(pem as string);
    const issuing = this.pki.authority.keyring.issuing;
    if (!Buffer.from(certificate.publicKey.rawData).equals(spki) || !(await certificate.verify({ publicKey: issuing.publicKey, signatureOnly: true }))) {
      throw new Error('the OCSP responder certificate is not our key certified by our issuing CA');
    }
    this.pki.ocsp.useSigner({ key: keys.privateKey, certificate });
    return certificate;
  }

  private schedule(delayMs: number, retryMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.renew().then(
        (certificate) => {
          this.logger.log(`OCSP responder certificate ${certificate.serialNumber} valid until ${certificate.notAfter.toISOString()}`);
          this.schedule(Math.max(1000, (certificate.notAfter.getTime() - Date.now()) / 2), 1000);
        },
        (error: unknown) => {
          this.logger.warn(`OCSP responder certificate not obtained yet (the pki worker may be starting): ${String(error)}`);
          this.schedule(retryMs, Math.min(retryMs * 2, RETRY_MAX_MS));
        },
      );
    }, delayMs);
    this.timer.unref();
  }
}
