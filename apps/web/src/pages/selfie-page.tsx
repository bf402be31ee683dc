import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '@app/contracts/application';
import type { ApplicantApi, CaptureAnswer } from '../api';
import { useCamera } from '../camera/use-camera';
import { problemKey } from '../i18n';
import { Alert, Busy, CameraIcon, useErrorText } from '../ui';
import { CreateDigitalId } from './create-digital-id';

export function useProblemText() {
  const { t } = useTranslation();
  return (text: string) => {
    const key = problemKey(text);
    return key ? t(`problems.${key}`) : text;
  };
}

/** Seed 002 steps 10–12: the face in the guide, the picture, «Отправить» / «Попробовать еще раз». */
export function SelfiePage({ api, view, onChanged }: { api: ApplicantApi; view: ApplicationView; onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const problemText = useProblemText();
  const camera = useCamera();
  const [shot, setShot] = useState<{ blob: Blob; url: string }>();
  const [answer, setAnswer] = useState<CaptureAnswer>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => () => shot && URL.revokeObjectURL(shot.url), [shot]);

  const take = async () => {
    setError(undefined);
    const blob = await camera.capture();
    setShot({ blob, url: URL.createObjectURL(blob) });
    setAnswer(undefined);
  };
  const send = async () => {
    if (!shot) return;
    setBusy(true);
    setError(undefined);
    try {
      const sent = await api.upload<CaptureAnswer>('/biometrics/selfie', shot.blob);
      setAnswer(sent);
      if (sent.outcome !== 'passed') setShot(undefined);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CreateDigitalId status={view.status}>
      <h2>{t('selfie.title')}</h2>
      <p>{t('selfie.hint')}</p>
      {camera.state === 'failed' && <Alert>{t('selfie.noCamera')}</Alert>}
      <div className="camera" hidden={Boolean(shot)}>
        <video ref={camera.video} muted playsInline aria-label={t('selfie.camera')} />
        <div className="face-guide" aria-hidden="true" />
      </div>
      {shot && <img className="preview" src={shot.url} alt={t('selfie.preview')} />}
      {answer && answer.outcome !== 'passed' && (
        <Alert>
          {t('selfie.problems')}
          <ul>
            {(answer.problems ?? []).map((p) => (
              <li key={p}>{problemText(p)}</li>
            ))}
          </ul>
        </Alert>
      )}
      <Alert>{error}</Alert>
      {busy && <Busy>{t('selfie.checking')}</Busy>}
      <div className="actions">
        {answer?.outcome === 'passed' ? (
          <button type="button" className="primary" onClick={onChanged}>
            {t('app.continue')}
          </button>
        ) : shot ? (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void send()}>
              {t('app.send')}
            </button>
            <button type="button" disabled={busy} onClick={() => setShot(undefined)}>
              {t('app.retry')}
            </button>
          </>
        ) : (
          <button type="button" className="primary shutter" disabled={camera.state !== 'on' || answer?.outcome === 'exhausted'} onClick={() => void take()}>
            <CameraIcon /> {t('selfie.capture')}
          </button>
        )}
      </div>
    </CreateDigitalId>
  );
}
