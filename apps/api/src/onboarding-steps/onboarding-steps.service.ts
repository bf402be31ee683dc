import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  confirmDocumentUpdate,
  finishVideoIdentificationUpdate,
  giveConsentUpdate,
  pinSetUpdate,
  reportInstallationUpdate,
  startDigitalIdUpdate,
  startVideoIdentificationUpdate,
  submitDocumentUpdate,
  submitNucApplicationUpdate,
  type ApplicationView,
  type CaptureResult,
} from '@app/contracts';
import { Application } from '@app/models';
import { phoneHash } from '@app/otp';
import { MESSAGES } from '@app/contracts';
import { ApiError, ApiErrorCode } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../common/config.token';
import { OnboardingGateway } from '../applications/onboarding-gateway';
import type { ConfirmDocumentDto, NucApplicationDto, SubmitDocumentDto } from './dto/steps.dto';
import { PinService } from './pin.service';

/** The applicant's steps after the code (seed 002 steps 7–27), each one update on the workflow. */
@Injectable()
export class OnboardingStepsService {
  private readonly otpKey: Buffer;

  constructor(
    private readonly workflows: OnboardingGateway,
    private readonly pins: PinService,
    @InjectRepository(Application) private readonly applications: Repository<Application>,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.otpKey = Buffer.from(config.OTP_HMAC_KEY, 'base64');
  }

  async startDigitalId(application: Application, phone: string): Promise<ApplicationView> {
    const args = { phoneHash: phoneHash(this.otpKey, application.iin, phone).toString('hex') };
    const result = await this.workflows.update(application, (h) => h.executeUpdate(startDigitalIdUpdate, { args: [args] }));
    if (result.outcome === 'phone_mismatch') throw new ApiError(ApiErrorCode.Rejected, MESSAGES.digitalIdPhoneMismatch);
    return result.application;
  }

  startVideoIdentification(application: Application): Promise<ApplicationView> {
    return this.workflows.update(application, (h) => h.executeUpdate(startVideoIdentificationUpdate));
  }

  finishVideoIdentification(application: Application): Promise<CaptureResult> {
    return this.workflows.update(application, (h) => h.executeUpdate(finishVideoIdentificationUpdate));
  }

  async setPin(application: Application, pin: string, confirmation: string): Promise<ApplicationView> {
    await this.requireStatus(application, 'pin_required', 'the PIN is set after the video identification');
    await this.pins.set(application.id, pin, confirmation);
    return this.workflows.update(application, (h) => h.executeUpdate(pinSetUpdate));
  }

  submitDocument(application: Application, dto: SubmitDocumentDto): Promise<CaptureResult> {
    return this.workflows.update(application, (h) => h.executeUpdate(submitDocumentUpdate, { args: [{ type: dto.type, frontScanId: dto.frontScanId, backScanId: dto.backScanId }] }));
  }

  confirmDocument(application: Application, dto: ConfirmDocumentDto): Promise<ApplicationView> {
    return this.workflows.update(application, (h) => h.executeUpdate(confirmDocumentUpdate, { args: [{ fields: dto.fields }] }));
  }

  async giveConsent(application: Application, pin: string): Promise<ApplicationView> {
    await this.requireStatus(application, 'document_linked', 'consent is given once the document is linked to the account');
    await this.pins.check(application.id, pin);
    return this.workflows.update(application, (h) => h.executeUpdate(giveConsentUpdate));
  }

  submitNucApplication(application: Application, dto: NucApplicationDto): Promise<ApplicationView> {
    const form = { keyStorage: dto.keyStorage, email: dto.email, region: dto.region.trim(), locality: dto.locality.trim(), authCsr: dto.authCsr, signCsr: dto.signCsr };
    return this.workflows.update(application, (h) => h.executeUpdate(submitNucApplicationUpdate, { args: [form] }));
  }

  /** The key agent's report, addressed by the НУЦ application number (seed 002 step 27). */
  async reportInstallation(number: string, proof: string): Promise<ApplicationView> {
    const application = await this.applications.findOneBy({ nucApplicationNumber: number });
    if (!application) throw new ApiError(ApiErrorCode.ApplicationNotFound, `Заявка № ${number} не найдена`);
    return this.workflows.update(application, (h) => h.executeUpdate(reportInstallationUpdate, { args: [{ proof }] }));
  }

  /**
   * The PIN is stored or checked only at its step. The workflow's view decides, as it does for the
   * update that follows; the applications row (written just before the view changes) answers only
   * when the workflow does not.
   */
  private async requireStatus(application: Application, status: Application['status'], message: string): Promise<void> {
    const current = await this.workflows.query(application).then(
      (view) => view.status,
      () => application.status, // the workflow does not answer: the projection is all there is
    );
    if (current !== status) throw new ApiError(ApiErrorCode.InvalidState, `${message} (status: ${current})`);
  }
}
