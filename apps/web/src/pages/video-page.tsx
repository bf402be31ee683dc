import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView, LivenessSessionView } from '@app/contracts/application';
import type { ApplicantApi, CaptureAnswer } from '../api';
import { useCamera } from '../camera/use-camera';
import { Alert, Busy, useErrorText } from '../ui';
import { CreateDigitalId } from './create-digital-id';
import { useProblemText } from './selfie-page';

/** How long each instruction stays on screen before its frame is taken: time to follow it. */
const HOLD_MS = 2500;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Seed 002 step 13: «Начать», then each instruction on screen; a frame is taken and sent while the
 * person follows it (a frontal one first), and the server judges the sequence.
 */
export function VideoPage({ api, view, onChanged }: { api: ApplicantApi; view: ApplicationView; onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const problemText = useProblemText();
  const camera = useCamera();
  const [session, setSession] = useState<LivenessSessionView>();
  const [current, setCurrent] = useState<string>();
  const [phase, setPhase] = useState<'intro' | 'ready' | 'running' | 'judging'>('intro');
  const [failure, setFailure] = useState<CaptureAnswer>();
  const [error, setError] = useState<string>();

  const start = async () => {
    setError(undefined);
    setFailure(undefined);
    try {
      const started = await api.startVideo();
      setSession(started.liveness);
      setPhase('ready');
    } catch (e) {
      setError(errorText(e));
    }
  };
  const run = async (open: LivenessSessionView) => {
    setPhase('running');
    try {
      for (const step of ['frontal', ...open.challenges]) {
        setCurrent(step);
        await wait(HOLD_MS);
        await api.upload(`/biometrics/liveness_frame?sessionId=${encodeURIComponent(open.sessionId)}`, await camera.capture());
      }
      setCurrent(undefined);
      setPhase('judging');
      const verdict = await api.finishVideo();
      if (verdict.outcome === 'passed') return onChanged();
      setFailure(verdict);
      setPhase('intro');
    } catch (e) {
      setError(errorText(e));
      setPhase('intro');
    }
  };
  const instruction = (step: string) => (step === 'frontal' ? t('video.lookStraight') : t(`video.challenges.${step}`));

  return (
    <CreateDigitalId status={view.status}>
      <h2>{t('video.title')}</h2>
      <p>{t('video.hint')}</p>
      {camera.state === 'failed' && <Alert>{t('selfie.noCamera')}</Alert>}
      <div className="camera">
        <video ref={camera.video} muted playsInline aria-label={t('selfie.camera')} />
        <div className="face-guide" aria-hidden="true" />
        {current && (
          <p className="instruction" data-challenge={current} aria-live="assertive">
            {instruction(current)}
          </p>
        )}
      </div>
      {failure && (
        <Alert>
          {t('video.failed')}
          <ul>
            {(failure.problems ?? []).map((p) => (
              <li key={p}>{problemText(p)}</li>
            ))}
          </ul>
        </Alert>
      )}
      <Alert>{error}</Alert>
      {phase === 'ready' && session && (
        <div>
          <p>{t('video.planned')}</p>
          <ol className="planned">
            {session.challenges.map((c, i) => (
              <li key={`${c}-${i}`} data-planned={c}>
                {instruction(c)}
              </li>
            ))}
          </ol>
        </div>
      )}
      {phase === 'judging' && <Busy>{t('video.sending')}</Busy>}
      <div className="actions">
        {phase === 'intro' && (
          <button type="button" className="primary" disabled={camera.state !== 'on'} onClick={() => void start()}>
            {t('app.start')}
          </button>
        )}
        {phase === 'ready' && session && (
          <>
            <button type="button" className="primary" onClick={() => void run(session)}>
              {t('video.go')}
            </button>
            <button type="button" onClick={() => void start()}>
              {t('app.startOver')}
            </button>
          </>
        )}
      </div>
    </CreateDigitalId>
  );
}
