import { ActivityFailure, ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  DOCUMENT_FORM_FIELDS,
  MESSAGES,
  REQUIRED_DOCUMENT_FIELDS,
  confirmDocumentUpdate,
  giveConsentUpdate,
  pinSetUpdate,
  submitDocumentUpdate,
  type CaptureResult,
  type DocumentFields,
  type DocumentView,
} from '@app/contracts';
import { documents } from './activities';
import { UUID, refusal, type OnboardingContext } from './context';

/** «Задать PIN-код»: the API keeps its argon2id hash in MySQL; the workflow only learns it is set. */
export async function pinStep(ctx: OnboardingContext): Promise<void> {
  let set = false;
  setHandler(
    pinSetUpdate,
    async () => {
      set = true;
      await ctx.handOver('pin_required');
      return ctx.view;
    },
    { validator: () => ctx.expect('pin_required') },
  );
  await ctx.transition('pin_required', 'pin', MESSAGES.pinRequired);
  await ctx.waitFor(() => set);
}

/** What the document step hands on. */
export interface ConfirmedDocument {
  view: DocumentView & { confirmed: DocumentFields };
  frontScanId: string;
  backScanId?: string;
  portraitSampleId: string;
}

/**
 * «Удостоверение» or «Паспорт», front and back (seed 002 steps 14–17): read on the documents queue,
 * shown to the applicant, corrected where they must, confirmed with «Подтверждаю, что данные
 * достоверны». A corrected field is kept beside what was read.
 */
export async function documentStep(ctx: OnboardingContext): Promise<ConfirmedDocument | null> {
  const { view } = ctx;
  const attempts = view.attempts!;
  let read: Omit<ConfirmedDocument, 'view'> & { view: DocumentView } | undefined;
  let confirmed: ConfirmedDocument | undefined;
  let exhausted = false;

  setHandler(
    submitDocumentUpdate,
    async ({ type, frontScanId, backScanId }): Promise<CaptureResult> => {
      await ctx.transition('document_reading', 'wait');
      try {
        const reading = await documents.readIdentityDocument({ applicationId: ctx.applicationId, iin: ctx.input.iin, type, frontRef: frontScanId, backRef: backScanId });
        const recognised: DocumentFields = {};
        const uncertain: DocumentView['uncertain'] = [];
        for (const field of reading.fields) {
          if (field.value) recognised[field.name] = field.value;
          if (field.lowConfidence || !field.value) uncertain.push(field.name);
        }
        read = { view: { type, recognised, uncertain }, frontScanId, backScanId, portraitSampleId: reading.portraitRef };
        view.document = read.view;
        view.problems = undefined;
        view.problemReason = undefined;
        await ctx.transition('document_confirmation', 'confirm_document', MESSAGES.documentConfirm);
        return { outcome: 'passed', application: view };
      } catch (error) {
        // A photo the reader refused counts as a try; a failure of ours (workers down for minutes) does not.
        const refusedPhoto = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable;
        if (refusedPhoto) attempts.document++;
        view.problems = [refusedPhoto ? error.cause.message : 'Документ не удалось обработать. Попробуйте отправить его еще раз.'];
        // The activity's failure details name the refusal (`{ code, side }`): the page picks its advice by it.
        const reason = refusedPhoto ? refusalCode(error.cause) : undefined;
        view.problemReason = reason;
        if (attempts.document >= ctx.settings.documentMaxAttempts) {
          await ctx.transition('rejected', 'start_again', MESSAGES.documentAttemptsExhausted);
          exhausted = true;
          return { outcome: 'exhausted', problems: view.problems, reason, application: view };
        }
        await ctx.transition('document_required', 'document', MESSAGES.documentRequired);
        return { outcome: 'retry', problems: view.problems, reason, application: view };
      }
    },
    {
      validator: ({ type, frontScanId, backScanId }) => {
        ctx.expect('document_required', 'document_confirmation');
        if (type !== 'id_card' && type !== 'passport') throw refusal('type must be id_card («Удостоверение») or passport («Паспорт»)');
        if (!UUID.test(frontScanId)) throw refusal('frontScanId must be the id the upload of the front returned');
        if (type === 'id_card' && (!backScanId || !UUID.test(backScanId))) throw refusal('an ID card needs both sides: upload the back and give backScanId');
      },
    },
  );

  setHandler(
    confirmDocumentUpdate,
    async ({ fields }) => {
      const document = { ...read!, view: { ...read!.view, confirmed: fields } };
      view.document = document.view;
      await ctx.transition('register_matching', 'wait');
      confirmed = document;
      return view;
    },
    {
      validator: ({ fields }) => {
        ctx.expect('document_confirmation');
        for (const [name, value] of Object.entries(fields ?? {})) {
          if (!(DOCUMENT_FORM_FIELDS as readonly string[]).includes(name)) throw refusal(`unknown field ${name}`);
          if (typeof value !== 'string' || value.length > 200) throw refusal(`${name} must be a text of at most 200 characters`);
        }
        for (const required of REQUIRED_DOCUMENT_FIELDS) if (!fields?.[required]?.trim()) throw refusal(`${required} is required («*» on the form)`);
      },
    },
  );

  if (view.status !== 'document_required') await ctx.transition('document_required', 'document', MESSAGES.documentRequired);
  await ctx.waitFor(() => confirmed !== undefined || exhausted);
  return confirmed ?? null;
}

/** Consent to pass the data to НУЦ (steps 20–21); the API checked the PIN. */
export async function consentStep(ctx: OnboardingContext): Promise<void> {
  let given = false;
  setHandler(
    giveConsentUpdate,
    async () => {
      given = true;
      await ctx.handOver('document_linked');
      return ctx.view;
    },
    { validator: () => ctx.expect('document_linked') },
  );
  if (ctx.view.status !== 'document_linked') await ctx.transition('document_linked', 'consent', MESSAGES.documentLinked);
  await ctx.waitFor(() => given);
}

/** The `code` of a document refusal's details (`{ code, side }`, libs/documents activities), if it has one. */
function refusalCode(failure: ApplicationFailure): string | undefined {
  const details = failure.details?.[0] as { code?: unknown } | undefined;
  return typeof details?.code === 'string' ? details.code : undefined;
}
