import { setHandler, uuid4 } from '@temporalio/workflow';
import {
  MESSAGES,
  finishVideoIdentificationUpdate,
  startVideoIdentificationUpdate,
  submitSelfieUpdate,
  type CaptureResult,
} from '@app/contracts';
import { biometrics } from './activities';
import { UUID, refusal, type OnboardingContext } from './context';

/** What the capture steps hand on: the evidence the register match and a moderator look at. */
export interface CaptureEvidence {
  selfieSampleId: string;
  livenessBestFrameSampleId?: string;
}

/**
 * «Начать», then the photo (seed 002 steps 9–11): the selfie check runs on the biometrics queue;
 * problems come back in the applicant's words with «Попробовать еще раз»; after the configured
 * number of tries the application ends with a message.
 */
export async function selfieStep(ctx: OnboardingContext): Promise<string | null> {
  const { view } = ctx;
  let accepted: string | undefined;
  let exhausted = false;
  let checking = false;
  view.attempts ??= { selfie: 0, videoIdentification: 0, document: 0 };
  const attempts = view.attempts;

  setHandler(
    submitSelfieUpdate,
    async ({ sampleId }): Promise<CaptureResult> => {
      checking = true;
      try {
        const result = await biometrics.checkSelfie({ applicationId: ctx.applicationId, sampleId });
        attempts.selfie++;
        if (result.problems.length === 0) {
          view.problems = undefined;
          accepted = sampleId;
          await ctx.handOver('selfie_required');
          return { outcome: 'passed', application: view };
        }
        const failed = await ctx.failedTry(result.problems.map((p) => p.message.ru), attempts.selfie, ctx.settings.selfieMaxAttempts, MESSAGES.selfieAttemptsExhausted);
        exhausted = failed.outcome === 'exhausted';
        return failed;
      } finally {
        checking = false;
      }
    },
    {
      validator: ({ sampleId }) => {
        ctx.expect('selfie_required');
        if (checking) throw refusal('the previous selfie is still being checked');
        if (!UUID.test(sampleId)) throw refusal('sampleId must be the id the upload returned');
      },
    },
  );

  if (view.status !== 'selfie_required') await ctx.transition('selfie_required', 'selfie', MESSAGES.selfieRequired);
  await ctx.waitFor(() => accepted !== undefined || exhausted);
  return accepted ?? null;
}

/**
 * Video identification (seed 002 step 13): the server opens a session with a random sequence of
 * instructions (chosen in an activity), the frames are uploaded against it and stamped with the
 * server's receipt time, and the verdict judges them against the issued order; the face in the
 * frames must be the selfie's face.
 */
export async function videoIdentificationStep(ctx: OnboardingContext, selfieSampleId: string): Promise<CaptureEvidence | null> {
  const { view } = ctx;
  const attempts = view.attempts!;
  let passed: CaptureEvidence | undefined;
  let exhausted = false;
  let judging = false;

  setHandler(
    startVideoIdentificationUpdate,
    async () => {
      const { challenges, instructions } = await biometrics.openLivenessSession({ count: ctx.settings.livenessChallengeCount });
      view.liveness = { sessionId: uuid4(), challenges, instructions, expiresAt: new Date(new Date().getTime() + 120_000).toISOString() };
      return view;
    },
    { validator: () => ctx.expect('video_identification') },
  );

  setHandler(
    finishVideoIdentificationUpdate,
    async (): Promise<CaptureResult> => {
      judging = true;
      const session = view.liveness!;
      try {
        const frames = await biometrics.livenessFrames({ applicationId: ctx.applicationId, sessionId: session.sessionId });
        const verdict = await biometrics.verifyLiveness({
          applicationId: ctx.applicationId,
          challenges: session.challenges as never,
          frames,
          selfieSampleId,
        });
        attempts.videoIdentification++;
        view.liveness = undefined;
        if (verdict.passed) {
          view.problems = undefined;
          passed = { selfieSampleId, livenessBestFrameSampleId: verdict.bestFrameSampleId };
          await ctx.handOver('video_identification');
          return { outcome: 'passed', application: view };
        }
        const failed = await ctx.failedTry(
          verdict.failureMessages.map((m) => m.ru),
          attempts.videoIdentification,
          ctx.settings.videoIdentificationMaxAttempts,
          MESSAGES.videoIdentificationAttemptsExhausted,
        );
        exhausted = failed.outcome === 'exhausted';
        return failed;
      } finally {
        judging = false;
      }
    },
    {
      validator: () => {
        ctx.expect('video_identification');
        if (judging) throw refusal('the video identification is being judged');
        if (!view.liveness) throw refusal('start the video identification first («Начать»)');
        if (Date.parse(view.liveness.expiresAt) < new Date().getTime()) throw refusal('the video identification session has expired; start it again');
      },
    },
  );

  await ctx.transition('video_identification', 'video_identification', MESSAGES.videoIdentificationRequired);
  await ctx.waitFor(() => passed !== undefined || exhausted);
  return passed ?? null;
}
