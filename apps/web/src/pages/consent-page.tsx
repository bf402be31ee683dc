import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PIN_LENGTH, type ApplicationView } from '@app/contracts/application';
import type { ApplicantApi } from '../api';
import { FieldError, PageTitle, useErrorText } from '../ui';

/** Seed 002 steps 20–21: access to the details for НУЦ, confirmed with the PIN. */
export function ConsentPage({ api, view, onChanged }: { api: ApplicantApi; view: ApplicationView; onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [agreed, setAgreed] = useState(false);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.consent(pin);
      onChanged();
    } catch (e) {
      setError(errorText(e));
      document.getElementById('consent-pin')?.focus();
    }
  };
  return (
    <section className="page">
      <PageTitle>{t('consent.title')}</PageTitle>
      <p>{t('consent.text')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label className="choice">
          <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
          {t('consent.agree')}
        </label>
        <label htmlFor="consent-pin">{t('consent.pin')}</label>
        <input id="consent-pin" type="password" inputMode="numeric" autoComplete="current-password" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, view.pinLength ?? DEFAULT_PIN_LENGTH))} aria-invalid={Boolean(error)} aria-describedby="consent-pin-error" />
        <FieldError id="consent-pin-error">{error}</FieldError>
        <button type="submit" className="primary" disabled={!agreed || pin.length !== (view.pinLength ?? DEFAULT_PIN_LENGTH)}>
          {t('consent.submit')}
        </button>
      </form>
    </section>
  );
}
