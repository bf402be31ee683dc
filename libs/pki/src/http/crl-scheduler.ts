import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Pki } from '../pki';
import { PKI } from './pki-tokens';

/**
 * Publishes CRLs on a timer, as crlPublicationWorkflow does on a Temporal schedule: each tick a
 * base CRL when one is due and a delta CRL. Off with `publishCrlsInProcess: false`.
 */
@Injectable()
export class CrlScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CrlScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(@Inject(PKI) private readonly pki: Pki) {}

  onApplicationBootstrap(): void {
    // A process without the CA keys (the API) serves what the pki worker's schedule publishes.
    if (!this.pki.options.publishCrlsInProcess || !this.pki.signs) return;
    this.timer = setInterval(() => {
      this.publish().catch((error: unknown) => this.logger.error(`CRL publication failed: ${String(error)}`));
    }, this.pki.options.deltaCrlRefreshIntervalMs);
    this.timer.unref();
  }

  private async publish(): Promise<void> {
    await this.pki.crl.publishBase(new Date(), { onlyIfDue: true });
    await this.pki.crl.publishDelta();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
