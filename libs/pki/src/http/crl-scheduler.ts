import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Pki } from '../pki';
import { PKI } from './pki-tokens';

/** Regenerates the CRL on schedule so it never goes stale while nobody asks for it. */
@Injectable()
export class CrlScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CrlScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(@Inject(PKI) private readonly pki: Pki) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.pki.crl.refresh().catch((error: unknown) => this.logger.error(`CRL refresh failed: ${String(error)}`));
    }, this.pki.options.crlRefreshIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
