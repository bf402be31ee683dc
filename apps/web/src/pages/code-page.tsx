import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '@app/contracts/application';
import type { ApplicantApi } from '../api';
import { Alert, FieldError, PageTitle, Tick, mmss, secondsUntil, useErrorText } from '../ui';
import { useNow } from '../use-now';

/** The code field with «Остаток времени: N секунд» and the resend timer (seed 002 steps 4–5 and 8). */
export function CodeForm({ api, view, onChanged, digitalId }: { api: ApplicantApi; view: ApplicationView; onChanged: () => void; digitalId: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const now = useNow();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const remaining = secondsUntil(view.otp.expiresAt, now);
  const resendIn = secondsUntil(view.otp.resendAvailableAt, now);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.submitOtp(code);
      onChanged();
    } catch (e) {
      setError(errorText(e));
      document.getElementById('otp')?.focus();
    } finally {
      setBusy(false);
    }
  };
  const resend = async () => {
    setError(undefined);
    try {
      await api.resendOtp();
      setCode('');
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p role="status">
        {t('otp.sent')} {view.otp.phoneMasked}
      </p>
      <label htmlFor="otp">* {digitalId ? t('digitalId.code') : t('otp.code')}</label>
      <input id="otp" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 5))} aria-invalid={Boolean(error)} aria-describedby="otp-error otp-time" />
      <FieldError id="otp-error">{error}</FieldError>
      {!digitalId && (
        <p id="otp-time" className="countdown" aria-live="off">
          {t('otp.remaining', { count: remaining })}
        </p>
      )}
      {resendIn > 0 ? (
        <p className="countdown">{t('otp.resendIn', { time: mmss(resendIn) })}</p>
      ) : (
        <button type="button" className="link" onClick={() => void resend()}>
          {t('otp.resend')}
        </button>
      )}
      {!digitalId && remaining === 0 && <Alert kind="info">{t('otp.notReceived')}</Alert>}
      <button type="submit" className="primary" disabled={busy || code.length !== 5}>
        {digitalId ? t('digitalId.confirm') : t('otp.check')} ›
      </button>
    </form>
  );
}

export function CodePage(props: { api: ApplicantApi; view: ApplicationView; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageTitle>{t('app.title')}</PageTitle>
      <h2>
        {t('start.step')} <small>{t('start.stepHint')}</small>
      </h2>
      <CodeForm {...props} digitalId={false} />
      <Checklist api={props.api} view={props.view} />
    </section>
  );
}

/** The seed's ticks: what this browser found, and (once a code went out) the mobile citizens database. */
export function Checklist({ api, view }: { api: ApplicantApi; view: ApplicationView }) {
  const { t } = useTranslation();
  const webcam = view.checklist?.webcam ?? api.clientChecks.webcam;
  const keyAgent = view.checklist?.keyAgent ?? api.clientChecks.keyAgent;
  // A code is only sent to a phone the database holds.
  const mobileCitizen = view.checklist?.mobileCitizen ?? (view.otp.phoneMasked ? true : null);
  return (
    <ul className="checklist">
      <Tick ok={webcam}>{webcam ? t('start.webcam') : t('start.noWebcam')}</Tick>
      <Tick ok={keyAgent}>{keyAgent ? t('start.keyAgent') : t('start.noKeyAgent')}</Tick>
      <Tick ok={mobileCitizen}>{t('start.mobileCitizen')}</Tick>
    </ul>
  );
}

/** Seed 002 steps 7–8: «ПЕРЕЙТИ К ПОЛУЧЕНИЮ ЭЦП», then the Digital ID page: the БМГ phone and its code. */
export function DigitalIdPage({ api, view, onChanged }: { api: ApplicantApi; view: ApplicationView; onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [opened, setOpened] = useState(view.status !== 'otp_verified');
  const [phone, setPhone] = useState('+7');
  const [error, setError] = useState<string>();
  const codeOut = view.status === 'digital_id_otp_sent' || view.status === 'digital_id_otp_cooldown';

  if (!opened) {
    return (
      <section className="page">
        <PageTitle>{t('app.title')}</PageTitle>
        <Checklist api={api} view={view} />
        <button type="button" className="primary" onClick={() => setOpened(true)}>
          {t('otp.goToEcp')} ›
        </button>
      </section>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.digitalId(phone.replace(/[^\d+]/g, ''));
      onChanged();
    } catch (e) {
      setError(errorText(e));
      document.getElementById('phone')?.focus();
    }
  };
  return (
    <section className="page">
      <PageTitle>Digital ID</PageTitle>
      <h2>{t('digitalId.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="phone">{t('digitalId.phone')}</label>
        <input id="phone" type="tel" autoComplete="tel" value={phone} readOnly={codeOut} onChange={(e) => setPhone(e.target.value)} aria-invalid={Boolean(error)} aria-describedby="phone-error" />
        <FieldError id="phone-error">{error}</FieldError>
        {!codeOut && (
          <button type="submit" className="primary">
            {t('app.continue')} ›
          </button>
        )}
      </form>
      {codeOut && <CodeForm api={api} view={view} onChanged={onChanged} digitalId />}
    </section>
  );
}
