import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '@app/contracts/application';
import type { ApplicantApi } from '../api';
import { makeKeys, saveFile } from '../keys/browser-keys';
import { keyFileName, sealKeys } from '../keys/key-file';
import { Alert, Busy, FieldError, PageTitle, useErrorText } from '../ui';

export interface SubmittedApplication {
  number: string;
  keyFile: string;
}

/** Seed 003 / seed 002 steps 22–25: the agreement, the form, the keys made here, «Подать заявку». */
export function NucApplicationPage({ api, onSubmitted }: { api: ApplicantApi; view: ApplicationView; onSubmitted: (submitted: SubmittedApplication) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [accepted, setAccepted] = useState(false);
  const [form, setForm] = useState({ email: '', region: '', locality: '', keyStorage: 'Персональный компьютер' });
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ password?: string; again?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  if (!accepted) {
    return (
      <section className="page">
        <PageTitle>{t('nuc.title')}</PageTitle>
        <h2>{t('nuc.agreementTitle')}</h2>
        <p className="agreement">{t('nuc.agreement')}</p>
        <button type="button" className="primary" onClick={() => setAccepted(true)}>
          {t('nuc.accept')}
        </button>
      </section>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 8) return setErrors({ password: t('install.individualRule') });
    if (password !== again) return setErrors({ again: t('nuc.keysMismatch') });
    if (!form.region.trim() || !form.locality.trim()) return setErrors({ form: t('confirm.required') });
    setErrors({});
    setBusy(true);
    try {
      const keys = await makeKeys();
      const file = await sealKeys(keys, password, api.subjectType);
      const name = keyFileName(new Date(file.createdAt));
      // Saved before the application goes: the keys must exist on the person's side whatever happens next.
      saveFile(name, JSON.stringify(file, null, 2), 'application/json');
      const answer = await api.nucApplication({ ...form, email: form.email.trim() || undefined, authCsr: keys.csrs.AUTH, signCsr: keys.csrs.SIGN });
      onSubmitted({ number: answer.nuc.number, keyFile: name });
    } catch (e) {
      setErrors({ form: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const field = (name: 'email' | 'region' | 'locality', label: string, type = 'text') => (
    <>
      <label htmlFor={`nuc-${name}`}>
        {label}
        {name !== 'email' && ' *'}
      </label>
      <input id={`nuc-${name}`} type={type} value={form[name]} onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))} />
    </>
  );
  return (
    <section className="page">
      <PageTitle>{t('nuc.formTitle')}</PageTitle>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {field('email', t('nuc.email'), 'email')}
        {field('region', t('nuc.region'))}
        {field('locality', t('nuc.locality'))}
        <label htmlFor="nuc-storage">{t('nuc.keyStorage')}</label>
        <select id="nuc-storage" value={form.keyStorage} onChange={(e) => setForm((f) => ({ ...f, keyStorage: e.target.value }))}>
          <option value="Персональный компьютер">{t('nuc.pc')}</option>
        </select>
        <p className="hint">{t('nuc.keyFileHint')}</p>
        <label htmlFor="key-password">{t('nuc.keyFilePassword')}</label>
        <input id="key-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={Boolean(errors.password)} aria-describedby="key-password-error" />
        <FieldError id="key-password-error">{errors.password}</FieldError>
        <label htmlFor="key-password-again">{t('nuc.keyFilePasswordAgain')}</label>
        <input id="key-password-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={Boolean(errors.again)} aria-describedby="key-password-again-error" />
        <FieldError id="key-password-again-error">{errors.again}</FieldError>
        <Alert>{errors.form}</Alert>
        {busy && <Busy>{t('nuc.generating')}</Busy>}
        <button type="submit" className="primary" disabled={busy}>
          {t('nuc.submit')}
        </button>
      </form>
    </section>
  );
}
