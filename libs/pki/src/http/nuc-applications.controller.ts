import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, UseFilters, UsePipes, ValidationPipe } from '@nestjs/common';
import { confirmInstallation } from '../applications/installation';
import { NucApplicationView } from '../applications/nuc-applications';
import { NucStatus } from '../applications/nuc-status';
import { IssuedCertificate } from '../ca/certificate-authority';
import type { Pki } from '../pki';
import { ApplicationNumberParams, CertificateFileParams } from './dto/application-number.params';
import { InstallationReportDto } from './dto/installation-report.dto';
import { PkiExceptionFilter } from './pki-exception.filter';
import { PKI } from './pki-tokens';

export interface NucApplicationResponse extends NucApplicationView {
  /** Serials and validity of the issued pair, once issued. */
  certificates: { auth: Omit<IssuedCertificate, 'pem'>; sign: Omit<IssuedCertificate, 'pem'> } | null;
}

export interface NucCertificatesResponse {
  applicationNumber: string;
  auth: IssuedCertificate;
  sign: IssuedCertificate;
  /** Issuing CA then root, PEM. */
  chain: string[];
}

const ISSUED: readonly NucStatus[] = [NucStatus.Issued, NucStatus.Installed];

/** Status check by application number and installation of the issued certificates (seed 003 §2.2). */
@Controller('api/v1/nuc/applications')
@UseFilters(PkiExceptionFilter)
@UsePipes(new ValidationPipe({ whitelist: true, transform: true }))
export class NucApplicationsController {
  constructor(@Inject(PKI) private readonly pki: Pki) {}

  @Get(':number')
  async status(@Param() { number }: ApplicationNumberParams): Promise<NucApplicationResponse> {
    const view = await this.pki.applications.get(number);
    if (!ISSUED.includes(view.status)) return { ...view, certificates: null };
    const { auth, sign } = await this.pki.authority.certificatesOf(number);
    const strip = ({ pem: _pem, ...rest }: IssuedCertificate) => rest;
    return { ...view, certificates: { auth: strip(auth), sign: strip(sign) } };
  }

  @Get(':number/certificates')
  async certificates(@Param() { number }: ApplicationNumberParams): Promise<NucCertificatesResponse> {
    await this.pki.applications.get(number);
    const pair = await this.pki.authority.certificatesOf(number);
    const { issuing, root } = this.pki.authority.keyring;
    return { ...pair, chain: [issuing.toString('pem'), root.toString('pem')] };
  }

  @Get(':number/certificates/:kind')
  @Header('Content-Type', 'application/x-pem-file')
  async certificateFile(@Param() { number, kind }: CertificateFileParams): Promise<string> {
    await this.pki.applications.get(number);
    const pair = await this.pki.authority.certificatesOf(number);
    return (kind === 'auth' ? pair.auth.pem : pair.sign.pem) + '\n';
  }
}

/** The key agent reports installation; the status becomes «Сертификаты установлены». */
@Controller('api/v1/nuc/applications')
@UseFilters(PkiExceptionFilter)
@UsePipes(new ValidationPipe({ whitelist: true, transform: true }))
export class NucInstallationReportController {
  constructor(@Inject(PKI) private readonly pki: Pki) {}

  @Post(':number/installation')
  @HttpCode(200)
  async installed(@Param() { number }: ApplicationNumberParams, @Body() body: InstallationReportDto): Promise<NucApplicationView> {
    return confirmInstallation(this.pki, number, Buffer.from(body.proof, 'base64'));
  }
}
