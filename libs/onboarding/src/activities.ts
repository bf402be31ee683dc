import type { DataSource, EntityManager } from 'typeorm';
import { Application, ApplicationStatusEvent, PortalAccount } from '@app/models';
import type { ApplicationStatus, CertificateTemplate, NextStep, SubjectType } from '@app/contracts';
import { maskPhone } from '@app/identity';
import { legalEntityEligibility, personEligibility, type Eligibility } from '@app/eligibility';
import type { LegalEntityRegisterClient, MobileCitizenRegistry, StateRegisterClient } from '@app/registers';
import type { OtpService, SendOutcome, VerifyOutcome } from '@app/otp';
import { createFirstHeadActivities } from './first-head-activities';
import { createWholePathActivities, type WholePathActivityDeps } from './whole-path-activities';

export interface OnboardingActivityDeps extends WholePathActivityDeps {
  dataSource: DataSource;
  mobileCitizens: MobileCitizenRegistry;
  people: StateRegisterClient;
  legalEntities: LegalEntityRegisterClient;
  otp: OtpService;
}

export interface RecordStatusInput {
  applicationId: string;
  /** position of this event in the workflow's history: makes a retried write a no-op */
  seq: number;
  status: ApplicationStatus;
  nextStep: NextStep;
  at: string;
}

/**
 * Activities of the onboarding workflow. Each closes over a narrow dependency; the worker passes
 * the real ones, tests may pass fakes. None returns a phone number or a code in clear: workflow
 * history is stored by Temporal and must not hold them.
 */
export function createOnboardingActivities(deps: OnboardingActivityDeps) {
  return {
    ...createWholePathActivities(deps),
    ...createFirstHeadActivities(deps),

    /**
     * Reads the individuals register (and, for a legal entity, the legal-entities register) and
     * applies the seed's rules. Register outages throw and are retried; a "no" is an answer.
     */
    async checkEligibility(input: { iin: string; subjectType: SubjectType; bin?: string; template: CertificateTemplate }): Promise<Eligibility> {
      const person = personEligibility(await deps.people.findPerson(input.iin));
      if (!person.eligible || input.subjectType !== 'legal_entity') return person;
      return legalEntityEligibility(await deps.legalEntities.findLegalEntity(input.bin ?? ''), input.iin, input.template);
    },

    /** Asks the mobile citizens database (БМГ) whether the IIN has a phone. Register outages throw and are retried. */
    async lookupMobileCitizen(input: { iin: string }): Promise<{ registered: boolean; phoneMasked?: string }> {
      const phone = await deps.mobileCitizens.findPhone(input.iin);
      return phone ? { registered: true, phoneMasked: maskPhone(phone) } : { registered: false };
    },

    /** Sends a one-time password by SMS unless the IIN's limits forbid it. Idempotent per sendKey. */
    async sendOtp(input: { applicationId: string; iin: string; sendKey: string }): Promise<SendOutcome> {
      return deps.otp.send(input);
    },

    /** Judges a code (its keyed hash, hex) and journals a failure. */
    async verifyOtp(input: { applicationId: string; iin: string; codeHash: string; clientAddress: string; attemptKey?: string }): Promise<VerifyOutcome> {
      return deps.otp.verify({ ...input, codeHash: Buffer.from(input.codeHash, 'hex') });
    },

    /** Writes the status projection the API and lists read. */
    async recordStatus(input: RecordStatusInput): Promise<void> {
      await deps.dataSource.transaction(async (manager) => {
        await manager
          .createQueryBuilder()
          .insert()
          .into(ApplicationStatusEvent)
          .values({ applicationId: input.applicationId, seq: input.seq, status: input.status, at: new Date(input.at) })
          .orIgnore()
          .execute();
        // Only move forward: a late retry of an older event must not overwrite a newer status.
        const latest = await manager.getRepository(ApplicationStatusEvent).findOne({ where: { applicationId: input.applicationId }, order: { seq: 'DESC' } });
        if (latest && latest.seq === input.seq) {
          await manager.update(Application, { id: input.applicationId }, { status: input.status, nextStep: input.nextStep });
        }
        if (input.status === 'installed') await raiseTemporaryPortalAccount(manager, input.applicationId, new Date(input.at));
      });
    },
  };
}

export type OnboardingActivities = ReturnType<typeof createOnboardingActivities>;

/**
 * Seed 000: a temporary account gets full rights by a sign-in with a signature «либо получить одну из
 * электронных услуг с обязательным подписанием ЭЦП». Installing the certificates is such a service:
 * the person signs the installation challenge with the new AUTH key (the proof of possession). The
 * person's own account (login = IIN) is raised in the status's transaction; the account's workflow
 * reads the rights from MySQL before its notice and before its deletion, and ends there.
 */
async function raiseTemporaryPortalAccount(manager: EntityManager, applicationId: string, at: Date): Promise<void> {
  const application = await manager.getRepository(Application).findOneBy({ id: applicationId });
  if (!application) return;
  await manager.update(PortalAccount, { login: application.iin, subjectType: 'individual', rights: 'temporary' }, { rights: 'full', updatedAt: at });
}
