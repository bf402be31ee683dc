import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView, IdentityDocumentKind } from '@app/contracts/application';
import type { ApplicantApi } from '../api';
import { useCamera } from '../camera/use-camera';
import { Alert, Busy, CameraIcon, useErrorText } from '../ui';
import { CreateDigitalId } from './create-digital-id';

type Side = 'front' | 'back';

/** The document photographed in a frame, one side at a time (seed 002 steps 15–16). */
function DocumentCamera({ side, onShot }: { side: Side; onShot: (blob: Blob) => void }) {
  const { t } = useTranslation();
  const camera = useCamera();
  return (
    <div>
      <p>{t('document.frame')}</p>
      <div className="camera document">
        <video ref={camera.video} muted playsInline aria-label={t('selfie.camera')} />
        <div className="document-guide" aria-hidden="true" />
      </div>
      <button type="button" className="primary shutter" disabled={camera.state !== 'on'} onClick={() => void camera.capture().then(onShot)}>
        <CameraIcon /> {t('selfie.capture')} — {t(side === 'front' ? 'document.front' : 'document.back')}
      </button>
    </div>
  );
}

/** «Добавьте документ»: ID card or passport, a JPEG file or photos of both sides. */
export function DocumentPage({ api, view, onChanged }: { api: ApplicantApi; view: ApplicationView; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [type, setType] = useState<IdentityDocumentKind>('id_card');
  const [mode, setMode] = useState<'upload' | 'photo'>('upload');
  const [images, setImages] = useState<Partial<Record<Side, Blob>>>({});
  const [problems, setProblems] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const sides: Side[] = type === 'id_card' ? ['front', 'back'] : ['front'];
  const ready = sides.every((s) => images[s]);
  const nextSide = sides.find((s) => !images[s]);

  const send = async () => {
    setBusy(true);
    setError(undefined);
    setProblems(undefined);
    try {
      const scans: Partial<Record<Side, string>> = {};
      for (const side of sides) scans[side] = (await api.upload<{ scanId: string }>(`/documents/${side}`, images[side]!)).scanId;
      const read = await api.readDocument(type, scans.front!, scans.back);
      if (read.outcome === 'passed') return onChanged();
      // A refusal with a known reason gets its advice in the page's language; others keep the workflow's words.
      const reason = read.reason ?? read.application.problemReason;
      setProblems(reason && i18n.exists(`errors.reasons.${reason}`) ? [t(`errors.reasons.${reason}`)] : read.problems ?? []);
      setImages({});
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CreateDigitalId status={view.status}>
      <h2>{t('document.title')}</h2>
      <p>{t('document.hint')}</p>
      <fieldset>
        <legend className="visually-hidden">{t('document.title')}</legend>
        {(['id_card', 'passport'] as const).map((kind) => (
          <label key={kind} className="choice">
            <input type="radio" name="documentType" checked={type === kind} onChange={() => (setType(kind), setImages({}))} />
            {t(kind === 'id_card' ? 'document.idCard' : 'document.passport')}
          </label>
        ))}
      </fieldset>
      <div className="tabs" role="group">
        <button type="button" aria-pressed={mode === 'upload'} onClick={() => setMode('upload')}>
          {t('document.upload')}
        </button>
        <button type="button" aria-pressed={mode === 'photo'} onClick={() => setMode('photo')}>
          {t('document.photo')}
        </button>
      </div>
      {mode === 'upload' ? (
        sides.map((side) => (
          <div key={side}>
            <label htmlFor={`document-${side}`}>{t(side === 'front' ? 'document.front' : 'document.back')}</label>
            <input id={`document-${side}`} type="file" accept="image/jpeg,image/png" onChange={(e) => e.target.files?.[0] && setImages((all) => ({ ...all, [side]: e.target.files![0] }))} />
          </div>
        ))
      ) : (
        <>
          <p>{t('document.photoHint')}</p>
          {nextSide && <DocumentCamera key={nextSide} side={nextSide} onShot={(blob) => setImages((all) => ({ ...all, [nextSide]: blob }))} />}
          <ul>
            {sides.map((side) => (
              <li key={side}>
                {t(side === 'front' ? 'document.front' : 'document.back')}: {images[side] ? '✓' : '—'}
              </li>
            ))}
          </ul>
        </>
      )}
      {problems && (
        <Alert>
          {t('document.problems')}
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      )}
      <Alert>{error}</Alert>
      {busy && <Busy>{t('document.reading')}</Busy>}
      <button type="button" className="primary" disabled={!ready || busy} onClick={() => void send()}>
        {t('app.send')}
      </button>
    </CreateDigitalId>
  );
}
