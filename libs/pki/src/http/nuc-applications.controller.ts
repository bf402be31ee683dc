import { Public, RateLimited } from '@app/access';
import { Body, Controller, Get, Header, HttpCode, Inject, Optional, Param, Post, Req, UseFilters, UsePipes, ValidationPipe } from '@nestjs/common';
import type { Request } from 'express';
import { confirmInstallation } from '../applications/installation';
import { NucApplicationView } from '../applications/nuc-applications';
import { NucStatus } from '../applications/nuc-status';
import { IssuedCertificate } from '../ca/certificate-authority';
import { PkiError, PkiErrorCode } from '../errors';
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

/**
 * Who may read an application in full (name, IIN, organisation) and download its certificates,
 * besides a holder of its AUTH key: the host application decides (the onboarding API: the
 * applicant's own token). Optional; without it only the key proves access.
 */
export interface NucApplicantAccess {
  isApplicant(applicationNumber: string, request: Request): Promise<boolean>;
}
export const NUC_APPLICANT_ACCESS = Symbol('NUC_APPLICANT_ACCESS');

/** What anyone with the number sees: the status and its history, never who applied. */
export type NucApplicationStatusOnly = Pick<NucApplicationView, 'number' | 'status' | 'statusTitle' | 'history'>;

const KEY_PROOF_HEADER = 'x-key-proof';

/**
 * Status check by application number and the issued certificates (seed 003 §2.2). The status is
 * public; the applicant (their token, or the header X-Key-Proof: a base64 RSA-SHA256 signature over
 * `nuc-access:<number>` by the AUTH key) also sees the identity and can download the certificates.
 */
@Public()
@Controller('api/v1/nuc/applications')
@UseFilters(PkiExceptionFilter)
@UsePipes(new ValidationPipe({ whitelist: true, transform: true }))
export class NucApplicationsController {
  constructor(
    @Inject(PKI) private readonly pki: Pki,
    @Optional() @Inject(NUC_APPLICANT_ACCESS) private readonly applicantAccess?: NucApplicantAccess,
  ) {}

  @Get(':number')
  @RateLimited('nuc_status')
  async status(@Param() { number }: ApplicationNumberParams, @Req() request: Request): Promise<NucApplicationResponse | NucApplicationStatusOnly> {
    const view = await this.pki.applications.get(number);
    if (!(await this.isApplicant(number, request))) {
      return { number: view.number, status: view.status, statusTitle: view.statusTitle, history: view.history };
    }
    if (!ISSUED.includes(view.status)) return { ...view, certificates: null };
    const { auth, sign } = await this.pki.authority.certificatesOf(number);
    const strip = ({ pem: _pem, ...rest }: IssuedCertificate) => rest;
    return { ...view, certificates: { auth: strip(auth), sign: strip(sign) } };
  }

  @Get(':number/certificates')
  async certificates(@Param() { number }: ApplicationNumberParams, @Req() request: Request): Promise<NucCertificatesResponse> {
    await this.applicantOnly(number, request);
    const pair = await this.pki.authority.certificatesOf(number);
    const { issuing, root } = this.pki.authority.keyring;
    return { ...pair, chain: [issuing.toString('pem'), root.toString('pem')] };
  }

  @Get(':number/certificates/:kind')
  @Header('Content-Type', 'application/x-pem-file')
  async certificateFile(@Param() { number, kind }: CertificateFileParams, @Req() request: Request): Promise<string> {
    await this.applicantOnly(number, request);
    const pair = await this.pki.authority.certificatesOf(number);
    return (kind === 'auth' ? pair.auth.pem : pair.sign.pem) + '\n';
  }

  private async isApplicant(number: string, request: Request): Promise<boolean> {
    const proof = request.header(KEY_PROOF_HEADER);
    if (proof && /^[A-Za-z0-9+/=]{16,1400}$/.test(proof) && (await this.pki.applications.provesAuthKey(number, Buffer.from(proof, 'base64')))) return true;
    return (await this.applicantAccess?.isApplicant(number, request)) ?? false;
  }

  private async applicantOnly(number: string, request: Request): Promise<void> {
    await this.pki.applications.get(number);
    if (!(await this.isApplicant(number, request))) {
      throw new PkiError(
        PkiErrorCode.AccessDenied,
        'The certificates are given to the applicant only: send the application token (Authorization: Bearer) or X-Key-Proof, a signature over "nuc-access:<number>" by the AUTH key (the key agent does this)',
      );
    }
  }
}

/** The key agent reports installation; the status becomes «Сертификаты установлены». Public: the proof of the AUTH key is the credential. */
@Public()
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
