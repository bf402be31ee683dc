import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PIN_LENGTH, type ApplicationView } from '@app/contracts/application';
import type { ApplicantApi } from '../api';
import { FieldError, useErrorText } from '../ui';
import { CreateDigitalId } from './create-digital-id';

/** «Задать PIN-код», twice. */
export function PinPage({ api, view, onChanged }: { api: ApplicantApi; view: ApplicationView; onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ pin?: string; again?: string }>({});
  // PIN_LENGTH is the server's configuration; the view says it.
  const length = view.pinLength ?? DEFAULT_PIN_LENGTH;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pin.length !== length) return setErrors({ pin: t('pin.format', { length }) });
    if (pin !== again) return setErrors({ again: t('pin.mismatch') });
    setErrors({});
    try {
      await api.setPin(pin, again);
      onChanged();
    } catch (e) {
      setErrors({ pin: errorText(e) });
    }
  };
  const digits = (v: string) => v.replace(/\D/g, '').slice(0, length);
  return (
    <CreateDigitalId status={view.status}>
      <h2>{t('pin.title')}</h2>
      <p>{t('pin.hint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="pin">{t('pin.pin', { length })}</label>
        <input id="pin" type="password" inputMode="numeric" autoComplete="new-password" value={pin} onChange={(e) => setPin(digits(e.target.value))} aria-invalid={Boolean(errors.pin)} aria-describedby="pin-error" />
        <FieldError id="pin-error">{errors.pin}</FieldError>
        <label htmlFor="pin-again">{t('pin.again')}</label>
        <input id="pin-again" type="password" inputMode="numeric" autoComplete="new-password" value={again} onChange={(e) => setAgain(digits(e.target.value))} aria-invalid={Boolean(errors.again)} aria-describedby="pin-again-error" />
        <FieldError id="pin-again-error">{errors.again}</FieldError>
        <button type="submit" className="primary">
          {t('pin.submit')}
        </button>
      </form>
    </CreateDigitalId>
  );
}
