import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CERTIFICATE_TEMPLATE_CODES, type CertificateTemplate, type SubjectType } from '@app/contracts/application';
import { hasValidControlDigit } from '@app/identity/check-digit';
import { ApplicantApi } from '../api';
import { hasWebcam } from '../camera/use-camera';
import { Alert, FieldError, PageTitle, Tick, useErrorText } from '../ui';

const TEMPLATES_OF: Record<SubjectType, CertificateTemplate[]> = {
  individual: ['individual'],
  legal_entity: CERTIFICATE_TEMPLATE_CODES.filter((c) => c !== 'individual'),
};

/** What the field says while the person types: nothing until 12 digits, then whether the check digit fits. */
function numberProblem(value: string, submitted: boolean): 'incomplete' | 'invalid' | undefined {
  if (value.length < 12) return submitted ? 'incomplete' : undefined;
  return hasValidControlDigit(value) ? undefined : 'invalid';
}

/** Seed 002 steps 2–4: whom for, the template, IIN (and BIN), and the checklist. */
export function StartPage({ onStarted }: { onStarted: (api: ApplicantApi) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [subjectType, setSubjectType] = useState<SubjectType>('individual');
  const [template, setTemplate] = useState<CertificateTemplate>('individual');
  const [iin, setIin] = useState('');
  const [bin, setBin] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [webcam, setWebcam] = useState<boolean | null>(null);
  const keyAgent = typeof crypto !== 'undefined' && Boolean(crypto.subtle);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    hasWebcam().then(setWebcam, () => setWebcam(false));
  }, []);

  const iinProblem = numberProblem(iin, submitted);
  const binProblem = subjectType === 'legal_entity' ? numberProblem(bin, submitted) : undefined;

  const choose = (type: SubjectType) => {
    setSubjectType(type);
    setTemplate(TEMPLATES_OF[type][0]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setError(undefined);
    if (iin.length < 12 || !hasValidControlDigit(iin)) return document.getElementById('iin')?.focus();
    if (subjectType === 'legal_entity' && (bin.length < 12 || !hasValidControlDigit(bin))) return document.getElementById('bin')?.focus();
    setBusy(true);
    try {
      const clientChecks = { webcam: Boolean(webcam), keyAgent };
      const started = await ApplicantApi.start({ subjectType, template, iin, bin: subjectType === 'legal_entity' ? bin : undefined, clientChecks });
      onStarted(new ApplicantApi(started.applicationId, started.token, clientChecks, subjectType));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const digits = (value: string) => value.replace(/\D/g, '').slice(0, 12);
  return (
    <section className="page" aria-labelledby="start-title">
      <PageTitle>{t('app.title')}</PageTitle>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="start-title">
          {t('start.step')} <small>{t('start.stepHint')}</small>
        </h2>
        <fieldset>
          <legend>{t('start.whom')}</legend>
          {(['individual', 'legal_entity'] as const).map((type) => (
            <label key={type} className="choice">
              <input type="radio" name="subjectType" value={type} checked={subjectType === type} onChange={() => choose(type)} />
              {t(type === 'individual' ? 'start.individual' : 'start.legalEntity')}
            </label>
          ))}
        </fieldset>
        <label htmlFor="template">{t('start.template')}</label>
        <select id="template" value={template} onChange={(e) => setTemplate(e.target.value as CertificateTemplate)}>
          {TEMPLATES_OF[subjectType].map((code) => (
            <option key={code} value={code}>
              {t(`templates.${code}`)}
            </option>
          ))}
        </select>
        <p className="hint">{t('start.templateLine', { template: t(`templates.${template}`) })}</p>
        {subjectType === 'legal_entity' && (
          <>
            <label htmlFor="bin">* {t('start.bin')}</label>
            <input id="bin" inputMode="numeric" autoComplete="off" value={bin} onChange={(e) => setBin(digits(e.target.value))} aria-invalid={Boolean(binProblem)} aria-describedby="bin-error" />
            <FieldError id="bin-error">{binProblem === 'invalid' ? t('start.invalidBin') : binProblem === 'incomplete' ? t('start.binIncomplete') : undefined}</FieldError>
          </>
        )}
        <label htmlFor="iin">* {t('start.iin')}</label>
        <input id="iin" inputMode="numeric" autoComplete="off" value={iin} onChange={(e) => setIin(digits(e.target.value))} aria-invalid={Boolean(iinProblem)} aria-describedby="iin-error" />
        <FieldError id="iin-error">{iinProblem === 'invalid' ? t('start.invalidIin') : iinProblem === 'incomplete' ? t('start.iinIncomplete') : undefined}</FieldError>
        <Alert>{error}</Alert>
        <button type="submit" className="primary" disabled={busy}>
          {t('start.submit')} ›
        </button>
        <ul className="checklist" aria-label={t('start.infoTitle')}>
          <Tick ok={webcam}>{webcam === false ? t('start.noWebcam') : t('start.webcam')}</Tick>
          <Tick ok={keyAgent}>{keyAgent ? t('start.keyAgent') : t('start.noKeyAgent')}</Tick>
        </ul>
      </form>
      <aside className="info">
        <h2>{t('start.infoTitle')}</h2>
        <p>{t('start.info')}</p>
        <p>{t('start.needTitle')}</p>
        <ul>
          <li>{t('start.need1')}</li>
          <li>{t('start.need2')}</li>
          <li>{t('start.need3')}</li>
          <li>{t('start.need4')}</li>
        </ul>
      </aside>
    </section>
  );
}
