import { ActivityFailure, ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  CERTIFICATE_TEMPLATES,
  MESSAGES,
  nucApplicationCreatedMessage,
  reportInstallationUpdate,
  submitNucApplicationUpdate,
  type NucApplicationLink,
} from '@app/contracts';
import { onboarding, pki } from './activities';
import { refusal, rejected, type OnboardingContext } from './context';
import type { RegisterIdentity } from './register-match-step';

type NucView = Awaited<ReturnType<typeof pki.createNucApplication>>;

const link = (nuc: NucView): NucApplicationLink => ({
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

/**
 * The НУЦ application (seed 002 steps 22–26, seed 003): agreement, e-mail, region and locality, key
 * storage and the two requests the key agent made; the application gets its 14-digit number.
 * Returns the number.
 */
export async function nucApplicationStep(ctx: OnboardingContext, identity: RegisterIdentity): Promise<string> {
  let number: string | undefined;
  let submitting = false;
  setHandler(
    submitNucApplicationUpdate,
    async (form) => {
      submitting = true;
      try {
        const nuc = await refusedAsRejection(() =>
          pki.createNucApplication({
            requestId: ctx.applicationId,
            identity: { subjectType: 'individual', iin: ctx.input.iin, ...identity, email: form.email },
            template: CERTIFICATE_TEMPLATES[ctx.input.template],
            keyStorage: form.keyStorage,
            authCsr: form.authCsr,
            signCsr: form.signCsr,
          }),
        );
        await onboarding.linkNucApplication({ applicationId: ctx.applicationId, number: nuc.number });
        ctx.view.nuc = link(nuc);
        await ctx.transition('certificates_issuing', 'wait', nucApplicationCreatedMessage(nuc.number));
        number = nuc.number;
        return ctx.view;
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
  await ctx.waitFor(() => number !== undefined);
  return number!;
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
