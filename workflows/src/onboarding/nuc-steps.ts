import { ActivityFailure, ApplicationFailure, patched, setHandler } from '@temporalio/workflow';
import {
  CERTIFICATE_TEMPLATES,
  MESSAGES,
  nucApplicationCreatedMessage,
  reportInstallationUpdate,
  submitNucApplicationUpdate,
  type NucApplicationLink,
  type SubmitNucApplicationArgs,
} from '@app/contracts';
import type { CreateNucApplicationInput } from '@app/pki';
import { onboarding, pki } from './activities';
import { refusal, rejected, type OnboardingContext } from './context';
import type { RegisterIdentity } from './register-match-step';

type NucView = Awaited<ReturnType<typeof pki.createNucApplication>>;

export const link = (nuc: NucView): NucApplicationLink => ({
  number: nuc.number,
  status: nuc.status,
  statusTitle: nuc.statusTitle,
  history: nuc.history.map((h) => ({ status: h.status, title: h.title, at: h.at })),
});

/** Turns an activity's business refusal (a weak CSR, a bad proof) into the update's 422; anything else propagates. */
async function refusedAsRejection<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable) {
      throw rejected(error.cause.message, { code: error.cause.type });
    }
    throw error;
  }
}

type CertificateSubject = CreateNucApplicationInput['identity'];

/**
 * Who the certificates are for: the person as ГБД ФЛ knows them and, for a legal-entity template,
 * the organisation as ГБД ЮЛ knows it now (BIN, name) with the template's role — the legal-entity
 * profile (O, OU=BIN, the role OID). Null when ГБД ЮЛ no longer lets this person apply (the message
 * is then the application's ending).
 */
async function certificateSubject(ctx: OnboardingContext, person: RegisterIdentity, email: string | undefined): Promise<CertificateSubject | { refused: string }> {
  const individual = { subjectType: 'individual' as const, iin: ctx.input.iin, ...person, email };
  // Released versions certified every applicant as an individual; their histories replay that way.
  if (ctx.input.subjectType !== 'legal_entity' || !patched('legal-entity-identity')) return individual;
  const organisation = await onboarding.legalEntityIdentity({ bin: ctx.input.bin ?? '', iin: ctx.input.iin, template: ctx.input.template });
  if (!organisation.eligible) return { refused: organisation.message };
  return { ...individual, subjectType: 'legal_entity', bin: organisation.bin, organizationName: organisation.organizationName, role: organisation.role };
}

/**
 * The НУЦ application (seed 002 steps 22–26, seed 003): agreement, e-mail, region and locality, key
 * storage and the two requests the key agent made; the application gets its 14-digit number.
 * Returns the number, or undefined when the application ended here (ГБД ЮЛ refused the applicant).
 * A legal-entity employee's application that waits for the first head is handed on at
 * «Ожидание подтверждения первого руководителя»: the update answers once the approval step has begun.
 */
export async function nucApplicationStep(ctx: OnboardingContext, identity: RegisterIdentity): Promise<string | undefined> {
  let number: string | undefined;
  let ended = false;
  let submitting = false;
  const submit = async (form: SubmitNucApplicationArgs) => {
    const subject = await certificateSubject(ctx, identity, form.email);
    if ('refused' in subject) {
      await ctx.transition('rejected', 'visit_service_center', subject.refused);
      ended = true;
      return ctx.view;
    }
    const nuc = await refusedAsRejection(() =>
      pki.createNucApplication({
        requestId: ctx.applicationId,
        identity: subject,
        template: CERTIFICATE_TEMPLATES[ctx.input.template],
        keyStorage: form.keyStorage,
        authCsr: form.authCsr,
        signCsr: form.signCsr,
      }),
    );
    await onboarding.linkNucApplication({ applicationId: ctx.applicationId, number: nuc.number });
    ctx.view.nuc = link(nuc);
    if ((nuc.status as string) === 'AWAITING_FIRST_HEAD' && subject.subjectType === 'legal_entity') {
      number = nuc.number;
      await ctx.handOver('nuc_application');
      return ctx.view;
    }
    await ctx.transition('certificates_issuing', 'wait', nucApplicationCreatedMessage(nuc.number));
    number = nuc.number;
    return ctx.view;
  };
  setHandler(
    submitNucApplicationUpdate,
    async (form) => {
      submitting = true;
      try {
        return await submit(form);
      } finally {
        submitting = false;
      }
    },
    {
      validator: (form) => {
        ctx.expect('nuc_application');
        if (submitting) throw refusal('the application is being submitted');
        if (!form.keyStorage || !form.region?.trim() || !form.locality?.trim()) throw refusal('keyStorage, region and locality are required');
        if (!form.authCsr || !form.signCsr) throw refusal('both certificate requests (AUTH and SIGN) are required');
      },
    },
  );
  await ctx.transition('nuc_application', 'nuc_application', MESSAGES.nucApplicationRequired);
  await ctx.waitFor(() => number !== undefined || ended);
  return number;
}

/**
 * «Заявка на подписи в ИС НУЦ» → «Выпущены регистрационные свидетельства (сертификаты) по заявке»,
 * then the key agent downloads the pair, builds the PKCS#12 files and proves it holds the AUTH key
 * (step 27). The installation update exists before the status says «Выпущены…».
 */
export async function issuanceAndInstallationStep(ctx: OnboardingContext, number: string): Promise<void> {
  let installed = false;
  setHandler(
    reportInstallationUpdate,
    async ({ proof }) => {
      const nuc = await refusedAsRejection(() => pki.confirmInstallation({ number, proof }));
      ctx.view.nuc = link(nuc);
      await ctx.transition('installed', 'none', MESSAGES.installed);
      installed = true;
      return ctx.view;
    },
    {
      validator: ({ proof }) => {
        ctx.expect('certificates_issued');
        if (!proof || !/^[A-Za-z0-9+/=]+$/.test(proof)) throw refusal('proof must be the base64 signature over the installation challenge');
      },
    },
  );
  await pki.issueCertificates(number);
  ctx.view.nuc = link(await pki.getNucApplication(number));
  await ctx.transition('certificates_issued', 'install_certificates', MESSAGES.certificatesIssued);
  await ctx.waitFor(() => installed);
}

/** An unfinished НУЦ application is annulled with its onboarding application. */
export async function annulNucApplication(number: string | undefined): Promise<void> {
  if (number) await pki.annulNucApplication(number);
}
