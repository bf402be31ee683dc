import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubjectType } from '@app/contracts/application';
import { hasValidControlDigit } from '@app/identity/check-digit';
import { Alert, FieldError, PageTitle, useErrorText } from '../ui';
import type { PortalSession } from './portal-api';
import { portalApi } from './portal-api';
import { PasswordChange, SignatureSignIn } from './sign-in-page';

/** «Смена пароля по е-майл»: ИИН, Номер документа, Дата выдачи; or БИН and Номер свидетельства о регистрации. */
function ByEmail() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [subjectType, setSubjectType] = useState<SubjectType>('individual');
  const [number, setNumber] = useState('');
  const [documentNumber, setDocumentNumber] = useState('');
  const [issueDate, setIssueDate] = useState('');
  const [registrationNumber, setRegistrationNumber] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string>();
  const individual = subjectType === 'individual';
  const numberProblem = number.length === 12 && !hasValidControlDigit(number) ? t(individual ? 'errors.invalid_iin' : 'start.invalidBin') : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await portalApi.recoverByEmail(
        individual ? { subjectType, iin: number, documentNumber: documentNumber.trim(), documentIssueDate: issueDate } : { subjectType, bin: number, registrationNumber: registrationNumber.trim() },
      );
      setDone(true);
    } catch (e) {
      setError(errorText(e));
    }
  };
  if (done) return <Alert kind="success">{t('portal.newPasswordSent')}</Alert>;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <fieldset>
        <legend>{t('portal.chooseUserType')}</legend>
        {(['individual', 'legal_entity'] as const).map((type) => (
          <label key={type} className="choice">
            <input type="radio" name="recovery-subject" checked={subjectType === type} onChange={() => (setSubjectType(type), setNumber(''))} />{' '}
            {t(type === 'individual' ? 'start.individual' : 'start.legalEntity')}
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('portal.recoveryHint')}</p>
      <label htmlFor="recovery-number">{t(individual ? 'portal.iin' : 'portal.bin')}</label>
      <input id="recovery-number" inputMode="numeric" maxLength={12} value={number} onChange={(e) => setNumber(e.target.value.replace(/\D/g, ''))} aria-invalid={Boolean(numberProblem)} aria-describedby="recovery-number-error" />
      <FieldError id="recovery-number-error">{numberProblem}</FieldError>
      {individual ? (
        <>
          <label htmlFor="recovery-document">{t('portal.documentNumber')}</label>
          <input id="recovery-document" maxLength={20} value={documentNumber} onChange={(e) => setDocumentNumber(e.target.value)} />
          <label htmlFor="recovery-issue-date">{t('portal.documentIssueDate')}</label>
          <input id="recovery-issue-date" type="date" value={issueDate} onChange={(e) => setIssueDate(e.target.value)} />
        </>
      ) : (
        <>
          <label htmlFor="recovery-registration">{t('portal.registrationNumber')}</label>
          <input id="recovery-registration" maxLength={64} value={registrationNumber} onChange={(e) => setRegistrationNumber(e.target.value)} />
        </>
      )}
      <Alert>{error}</Alert>
      <button type="submit" className="primary" disabled={number.length !== 12 || (individual ? !documentNumber.trim() || !issueDate : !registrationNumber.trim())}>
        {t('app.send')}
      </button>
    </form>
  );
}

/** «Смена пароля по ЭЦП»: the certificate signs, then e-mail (pre-filled), new password, confirmation. */
function BySignature() {
  const { t } = useTranslation();
  const [session, setSession] = useState<PortalSession>();
  const [done, setDone] = useState(false);
  if (done)
    return (
      <Alert kind="success">
        {t('portal.passwordChanged')} <a href="/portal">{t('portal.toSignIn')}</a>
      </Alert>
    );
  if (!session) return <SignatureSignIn onSignedIn={setSession} action={t('portal.sign')} />;
  return <PasswordChange session={session} initialEmail={session.account.email ?? ''} onChanged={() => setDone(true)} />;
}

/** «Забыли пароль» (seed 000 §V): by signature, by e-mail, or «Получить ЭЦП» into the remote path. */
export function PasswordRecoveryPage() {
  const { t } = useTranslation();
  const [method, setMethod] = useState<'email' | 'signature'>();
  return (
    <section className="page">
      <PageTitle>{t('portal.recoveryTitle')}</PageTitle>
      <div className="tabs" role="group" aria-label={t('portal.recoveryTitle')}>
        <button type="button" aria-pressed={method === 'signature'} onClick={() => setMethod('signature')}>
          {t('portal.recoveryBySignature')}
        </button>
        <button type="button" aria-pressed={method === 'email'} onClick={() => setMethod('email')}>
          {t('portal.recoveryByEmail')}
        </button>
        <a className="button" href="/">
          {t('portal.getSignature')}
        </a>
      </div>
      {method === 'email' && <ByEmail />}
      {method === 'signature' && <BySignature />}
    </section>
  );
}
