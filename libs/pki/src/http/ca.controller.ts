import { Public } from '@app/access';
import { Controller, Get, Header, Inject, StreamableFile, UseFilters } from '@nestjs/common';
import type { Pki } from '../pki';
import { PkiExceptionFilter } from './pki-exception.filter';
import { PKI } from './pki-tokens';

/** Publishes the CA certificates (PEM) and the CRLs (DER): base, delta, and the root's. */
@Public()
@Controller('pki')
@UseFilters(PkiExceptionFilter)
export class CaController {
  constructor(@Inject(PKI) private readonly pki: Pki) {}

  @Get('ca/root.crt')
  @Header('Content-Type', 'application/x-pem-file')
  root(): string {
    return this.pki.authority.keyring.root.toString('pem') + '\n';
  }

  @Get('ca/issuing.crt')
  @Header('Content-Type', 'application/x-pem-file')
  issuing(): string {
    return this.pki.authority.keyring.issuing.toString('pem') + '\n';
  }

  @Get('crl')
  @Header('Content-Type', 'application/pkix-crl')
  async crl(): Promise<StreamableFile> {
    return new StreamableFile(await this.pki.crl.current(), { type: 'application/pkix-crl' });
  }

  /** The delta CRL against the current base: the Freshest CRL of our certificates and base CRLs. */
  @Get('crl/delta')
  @Header('Content-Type', 'application/pkix-crl')
  async deltaCrl(): Promise<StreamableFile> {
    return new StreamableFile(await this.pki.crl.currentDelta(), { type: 'application/pkix-crl' });
  }

  /** The root's CRL, for the issuing CA: the CRL distribution point of the issuing CA's certificate. */
  @Get('crl/root')
  @Header('Content-Type', 'application/pkix-crl')
  async rootCrl(): Promise<StreamableFile> {
    return new StreamableFile(await this.pki.crl.currentRoot(), { type: 'application/pkix-crl' });
  }
}
