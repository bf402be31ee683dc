import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_FORM_FIELDS, REQUIRED_DOCUMENT_FIELDS, type ApplicationView, type DocumentFormField } from '@app/contracts/application';
import type { ApplicantApi } from '../api';
import { Alert, FieldError, PageTitle, useErrorText } from '../ui';

/** «Подтвердить документ»: the recognised fields to check and correct (seed 002 step 17). */
export function ConfirmPage({ api, view, onChanged }: { api: ApplicantApi; view: ApplicationView; onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const recognised = view.document?.recognised ?? {};
  const uncertain = new Set<DocumentFormField>(view.document?.uncertain ?? []);
  const [fields, setFields] = useState<Record<string, string>>(() => Object.fromEntries(DOCUMENT_FORM_FIELDS.map((f) => [f, recognised[f] ?? ''])));
  const [confirmed, setConfirmed] = useState(false);
  const [missing, setMissing] = useState<DocumentFormField[]>([]);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const empty = REQUIRED_DOCUMENT_FIELDS.filter((f) => !fields[f]?.trim());
    setMissing(empty);
    if (empty.length) return document.getElementById(`field-${empty[0]}`)?.focus();
    if (!confirmed) return setError(t('confirm.mustConfirm'));
    setError(undefined);
    try {
      await api.confirmDocument(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.trim()])));
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="page">
      <PageTitle>{t('confirm.title')}</PageTitle>
      <form onSubmit={(e) => void submit(e)} noValidate className="document-form">
        {DOCUMENT_FORM_FIELDS.map((field) => (
          <div key={field} className={uncertain.has(field) ? 'uncertain' : undefined}>
            <label htmlFor={`field-${field}`}>
              {t(`confirm.fields.${field}`)}
              {REQUIRED_DOCUMENT_FIELDS.includes(field) && ' *'}
              {uncertain.has(field) && <span className="flag"> ({t('confirm.uncertain')})</span>}
            </label>
            <input
              id={`field-${field}`}
              name={field}
              value={fields[field]}
              onChange={(e) => setFields((all) => ({ ...all, [field]: e.target.value }))}
              aria-invalid={missing.includes(field)}
              aria-describedby={`field-${field}-error`}
            />
            <FieldError id={`field-${field}-error`}>{missing.includes(field) ? t('confirm.required') : undefined}</FieldError>
          </div>
        ))}
        <label className="choice">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          {t('confirm.confirmed')}
        </label>
        <Alert>{error}</Alert>
        <button type="submit" className="primary">
          {t('app.send')}
        </button>
      </form>
    </section>
  );
}
