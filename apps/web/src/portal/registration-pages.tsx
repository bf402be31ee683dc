import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubjectType } from '@app/contracts/application';
import { hasValidControlDigit } from '@app/identity/check-digit';
import { ApiFailure } from '../api';
import { certificateDetails } from '../keys/certificate-details';
import { ContainerPicker } from '../keys/container-picker';
import type { OpenedContainer } from '../keys/pkcs12-signing';
import { Alert, FieldError, PageTitle, useErrorText } from '../ui';
import { PasswordAndEmailFields, StepBar, passwordProblems, type PasswordAndEmail } from './portal-forms';
import { mailLanguage, portalApi, type PersonCheck } from './portal-api';
import { CertificateTable } from './certificate-table';

type Kind = 'temporary' | 'signature';

/** «Забыли пароль?» where the account exists already. */
function AlreadyRegistered() {
  const { t } = useTranslation();
  return (
    <p>
      <a href="/portal/password-recovery">{t('portal.forgotPassword')}</a>
    </p>
  );
}

const isAlreadyRegistered = (e: unknown) => e instanceof ApiFailure && e.code === 'already_registered';

/** Figure 1: the agreement, whom for, «Я ознакомился и принимаю условия настоящего Соглашения», «Регистрация». */
function Agreement({ onAccepted }: { onAccepted: (subjectType: SubjectType) => void }) {
  const { t } = useTranslation();
  const [subjectType, setSubjectType] = useState<SubjectType>('individual');
  const [accepted, setAccepted] = useState(false);
  return (
    <section className="page">
      <PageTitle>{t('portal.registrationTitle')}</PageTitle>
      <h2>{t('portal.agreementTitle')}</h2>
      <div className="agreement" tabIndex={0} aria-label={t('portal.agreementTitle')}>
        <p>{t('portal.agreementText1')}</p>
        <p>{t('portal.agreementText2')}</p>
        <p>{t('portal.agreementText3')}</p>
      </div>
      <fieldset>
        <legend className="visually-hidden">{t('start.whom')}</legend>
        {(['individual', 'legal_entity'] as const).map((type) => (
          <label key={type} className="choice">
            <input type="radio" name="portal-subject" checked={subjectType === type} onChange={() => setSubjectType(type)} /> {t(type === 'individual' ? 'start.individual' : 'start.legalEntity')}
          </label>
        ))}
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} /> {t('portal.agreementAccept')}
      </label>
      <button type="button" className="primary" disabled={!accepted} onClick={() => onAccepted(subjectType)}>
        {t('portal.register')}
      </button>
    </section>
  );
}

/** Step 1 of the temporary registration: ИИН, Номер документа, Дата рождения, «Найти» (ГБД ФЛ). */
function PersonCheckForm({ days, onFound }: { days: number | undefined; onFound: (checked: PersonCheck) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [iin, setIin] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string>();
  const [registered, setRegistered] = useState(false);
  const iinProblem = iin.length === 12 ? (hasValidControlDigit(iin) ? undefined : t('errors.invalid_iin')) : submitted ? t('start.iinIncomplete') : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setError(undefined);
    setRegistered(false);
    if (iin.length !== 12 || !hasValidControlDigit(iin)) return document.getElementById('portal-iin')?.focus();
    if (!documentNumber.trim() || !birthDate) return;
    try {
      onFound(await portalApi.checkPerson({ iin, documentNumber: documentNumber.trim(), birthDate, agreementAccepted: true, registrationTermsAccepted: accepted }));
    } catch (e) {
      setRegistered(isAlreadyRegistered(e));
      setError(errorText(e));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor="portal-iin">{t('portal.iin')}*</label>
      <input id="portal-iin" inputMode="numeric" maxLength={12} value={iin} onChange={(e) => setIin(e.target.value.replace(/\D/g, ''))} aria-invalid={Boolean(iinProblem)} aria-describedby="portal-iin-error" />
      <FieldError id="portal-iin-error">{iinProblem}</FieldError>
      <label htmlFor="portal-document">{t('portal.documentNumber')}*</label>
      <input id="portal-document" value={documentNumber} maxLength={20} onChange={(e) => setDocumentNumber(e.target.value)} aria-invalid={submitted && !documentNumber.trim()} aria-describedby="portal-document-error" />
      <FieldError id="portal-document-error">{submitted && !documentNumber.trim() && t('portal.required')}</FieldError>
      <label htmlFor="portal-birth-date">{t('portal.birthDate')}*</label>
      <input id="portal-birth-date" type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} aria-invalid={submitted && !birthDate} aria-describedby="portal-birth-date-error" />
      <FieldError id="portal-birth-date-error">{submitted && !birthDate && t('portal.required')}</FieldError>
      <p className="info">{t('portal.temporaryRightsTerms', { days: days === undefined ? 90 : Math.round(days) })}</p>
      <label className="choice">
        <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} /> {t('portal.registrationAccept')}
      </label>
      <Alert>{error}</Alert>
      {registered && <AlreadyRegistered />}
      <p className="hint">{t('portal.requiredNote')}</p>
      <button type="submit" className="primary" disabled={!accepted}>
        {t('portal.find')}
      </button>
    </form>
  );
}

/** Step 2 of the temporary registration: the person found, then password and e-mail, «Далее». */
function TemporaryPasswordForm({ checked, onSent }: { checked: PersonCheck; onSent: (email: string) => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState<PasswordAndEmail>({ password: '', confirmation: '', email: '' });
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string>();
  const [registered, setRegistered] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    setError(undefined);
    if (Object.keys(passwordProblems(values, { withEmail: true })).length > 0) return;
    try {
      await portalApi.registerTemporary({ registrationToken: checked.registrationToken, password: values.password, passwordConfirmation: values.confirmation, email: values.email.trim(), language: mailLanguage(i18n.language) });
      onSent(values.email.trim());
    } catch (e) {
      setRegistered(isAlreadyRegistered(e));
      setError(errorText(e));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <dl className="facts">
        <dt>{t('portal.iin')}</dt>
        <dd>{checked.person.iin}</dd>
        <dt>{t('portal.documentNumber')}</dt>
        <dd>{checked.person.documentNumber}</dd>
        <dt>{t('portal.birthDate')}</dt>
        <dd>{checked.person.birthDate.split('-').reverse().join('.')}</dd>
      </dl>
      <PasswordAndEmailFields values={values} onChange={setValues} shown={shown} />
      <Alert>{error}</Alert>
      {registered && <AlreadyRegistered />}
      <button type="submit" className="primary">
        {t('portal.next')}
      </button>
    </form>
  );
}

/** Registration with a signature: password and e-mail, «Далее»; then step 3, the certificate chosen and «Подписать». */
function SignatureRegistration({ onStep, onSent }: { onStep: (step: 2 | 3) => void; onSent: (email: string) => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState<PasswordAndEmail>({ password: '', confirmation: '', email: '' });
  const [shown, setShown] = useState(false);
  const [signing, setSigning] = useState(false);
  const [container, setContainer] = useState<OpenedContainer>();
  const [error, setError] = useState<string>();
  const [registered, setRegistered] = useState(false);
  if (!signing) {
    const next = (event: FormEvent) => {
      event.preventDefault();
      setShown(true);
      if (Object.keys(passwordProblems(values, { withEmail: true })).length > 0) return;
      setSigning(true);
      onStep(3);
    };
    return (
      <form onSubmit={next} noValidate>
        <PasswordAndEmailFields values={values} onChange={setValues} shown={shown} />
        <button type="submit" className="primary">
          {t('portal.next')}
        </button>
      </form>
    );
  }
  const sign = async () => {
    setError(undefined);
    try {
      if (!container) throw new Error(t('container.wrong'));
      await portalApi.registerWithSignature(container, { password: values.password, passwordConfirmation: values.confirmation, email: values.email.trim(), language: mailLanguage(i18n.language) });
      onSent(values.email.trim());
    } catch (e) {
      setRegistered(isAlreadyRegistered(e));
      setError(errorText(e));
    }
  };
  return (
    <div>
      <p>{t('portal.chooseCertificate')}</p>
      <ContainerPicker id="portal-auth" label={t('portal.authContainer')} onOpened={setContainer} />
      {container && <CertificateTable details={certificateDetails(container.certificate)} />}
      <Alert>{error}</Alert>
      {registered && <AlreadyRegistered />}
      <div className="actions">
        <button
          type="button"
          onClick={() => {
            setSigning(false);
            onStep(2);
          }}
        >
          {t('portal.back')}
        </button>
        <button type="button" className="primary" disabled={!container} onClick={() => void sign()}>
          {t('portal.sign')}
        </button>
      </div>
    </div>
  );
}

/** «Регистрация Гражданина РК»: the agreement, then the five steps up to the e-mailed link. */
export function RegistrationPage() {
  const { t } = useTranslation();
  const [subjectType, setSubjectType] = useState<SubjectType>();
  const [kind, setKind] = useState<Kind>('temporary');
  const [step, setStep] = useState<1 | 2 | 3 | 4>(1);
  const [checked, setChecked] = useState<PersonCheck>();
  const [sentTo, setSentTo] = useState<string>();
  const [days, setDays] = useState<number>();
  useEffect(() => {
    portalApi.terms().then((terms) => setDays(terms.temporaryRightsDays), () => undefined);
  }, []);

  if (!subjectType) return <Agreement onAccepted={(type) => (setSubjectType(type), setKind(type === 'individual' ? 'temporary' : 'signature'), setStep(type === 'individual' ? 1 : 2))} />;
  const sent = (email: string) => {
    setSentTo(email);
    setStep(4);
  };
  return (
    <section className="page">
      <PageTitle>{t(subjectType === 'individual' ? 'portal.registrationOfCitizen' : 'portal.registrationOfLegalEntity')}</PageTitle>
      <StepBar current={step} />
      {step < 4 && (
        <fieldset>
          <legend className="visually-hidden">{t('portal.kind')}</legend>
          {(['temporary', 'signature'] as const).map((k) => (
            <label key={k} className="choice">
              <input
                type="radio"
                name="portal-kind"
                checked={kind === k}
                // Legal entities register with a signature only (seed 001).
                disabled={subjectType === 'legal_entity' && k === 'temporary'}
                onChange={() => {
                  setKind(k);
                  setChecked(undefined);
                  setStep(k === 'temporary' ? 1 : 2);
                }}
              />{' '}
              {t(k === 'temporary' ? 'portal.kindTemporary' : 'portal.kindSignature')}
            </label>
          ))}
        </fieldset>
      )}
      {step === 4 && sentTo && (
        <Alert kind="success">{t('portal.confirmationSent', { email: sentTo })}</Alert>
      )}
      {step < 4 && kind === 'temporary' && !checked && <PersonCheckForm days={days} onFound={(c) => (setChecked(c), setStep(2))} />}
      {step < 4 && kind === 'temporary' && checked && <TemporaryPasswordForm checked={checked} onSent={sent} />}
      {step < 4 && kind === 'signature' && <SignatureRegistration onStep={setStep} onSent={sent} />}
    </section>
  );
}

/** Step 5, «Подтверждение»: the e-mailed link's page sends its token once and says what it gave. */
export function ActivationPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [rights, setRights] = useState<'temporary' | 'full'>();
  const [error, setError] = useState<string>();
  const sent = useRef(false);
  useEffect(() => {
    // The link is single-use: never send it twice (React may run effects twice while developing).
    if (sent.current) return;
    sent.current = true;
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    portalApi.activate(token).then(
      (account) => setRights(account.rights),
      (e: unknown) => setError(errorText(e)),
    );
  }, [errorText]);
  return (
    <section className="page">
      <PageTitle>{t('portal.registrationOfCitizen')}</PageTitle>
      <StepBar current={5} />
      {!rights && !error && <p role="status">{t('app.loading')}</p>}
      <Alert>{error}</Alert>
      {rights && <Alert kind="success">{t(rights === 'temporary' ? 'portal.registeredTemporary' : 'portal.registeredWithSignature')}</Alert>}
      {rights === 'temporary' && (
        <p>
          <a href="/">{t('portal.getSignature')}</a>
        </p>
      )}
      {rights && (
        <p>
          <a href="/portal">{t('portal.toSignIn')}</a>
        </p>
      )}
    </section>
  );
}
