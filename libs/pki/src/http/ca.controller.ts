import { Controller, Get, Header, Inject, StreamableFile, UseFilters } from '@nestjs/common';
import type { Pki } from '../pki';
import { PkiExceptionFilter } from './pki-exception.filter';
import { PKI } from './pki-tokens';

/** Publishes the CA certificates (PEM) and the CRL (DER). */
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
}
