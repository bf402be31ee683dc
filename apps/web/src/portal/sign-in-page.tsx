import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hasValidControlDigit } from '@app/identity/check-digit';
import { ContainerPicker } from '../keys/container-picker';
import type { OpenedContainer } from '../keys/pkcs12-signing';
import { Alert, FieldError, PageTitle, useDateTime, useErrorText } from '../ui';
import { PasswordAndEmailFields, passwordProblems, type PasswordAndEmail } from './portal-forms';
import { portalApi, sessionStore, type PortalProfile, type PortalSession, type ServiceCheck, type ServiceHistory } from './portal-api';

/** «Войти по ЭЦП»: the AUTH container chosen here, the server's challenge signed here. */
export function SignatureSignIn({ onSignedIn, action }: { onSignedIn: (s: PortalSession) => void; action: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [container, setContainer] = useState<OpenedContainer>();
  const [error, setError] = useState<string>();
  const sign = async () => {
    setError(undefined);
    try {
      if (!container) throw new Error(t('container.wrong'));
      onSignedIn(await portalApi.signInWithSignature(container));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div>
      <ContainerPicker id="portal-auth" label={t('portal.authContainer')} onOpened={setContainer} />
      <Alert>{error}</Alert>
      <button type="button" className="primary" disabled={!container} onClick={() => void sign()}>
        {action}
      </button>
    </div>
  );
}

/** «Вход по двум критериям: ИИН/БИН и пароль» and «Войти по ЭЦП» (seed 000 §IV). */
function SignIn({ onSignedIn }: { onSignedIn: (s: PortalSession) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [method, setMethod] = useState<'password' | 'signature'>('password');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const loginProblem = login.length === 12 && !hasValidControlDigit(login) ? t('errors.invalid_iin') : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      onSignedIn(await portalApi.signIn(login.trim(), password));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="page">
      <PageTitle>{t('portal.signInTitle')}</PageTitle>
      <div className="tabs" role="group" aria-label={t('portal.signInMethod')}>
        <button type="button" aria-pressed={method === 'password'} onClick={() => setMethod('password')}>
          {t('portal.byPassword')}
        </button>
        <button type="button" aria-pressed={method === 'signature'} onClick={() => setMethod('signature')}>
          {t('portal.bySignature')}
        </button>
      </div>
      {method === 'password' ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <label htmlFor="portal-login">{t('portal.login')}</label>
          <input id="portal-login" inputMode="numeric" autoComplete="username" maxLength={12} value={login} onChange={(e) => setLogin(e.target.value.replace(/\D/g, ''))} aria-invalid={Boolean(loginProblem)} aria-describedby="portal-login-error" />
          <FieldError id="portal-login-error">{loginProblem}</FieldError>
          <label htmlFor="portal-sign-in-password">{t('portal.passwordPlain')}</label>
          <input id="portal-sign-in-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <Alert>{error}</Alert>
          <button type="submit" className="primary" disabled={!login || !password}>
            {t('portal.enter')}
          </button>
        </form>
      ) : (
        <SignatureSignIn onSignedIn={onSignedIn} action={t('portal.sign')} />
      )}
      <p className="actions">
        <a href="/portal/registration">{t('portal.register')}</a>
        <a href="/portal/password-recovery">{t('portal.forgotPassword')}</a>
      </p>
    </section>
  );
}

/** Asked at a signature sign-in when the profile has no e-mail: «Сохранить». */
function EmailRequired({ session, onSaved }: { session: PortalSession; onSaved: (email: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSaved((await portalApi.saveEmail(session.token, email.trim())).email);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <p>{t('portal.emailRequired')}</p>
      <label htmlFor="portal-required-email">{t('portal.email')}</label>
      <input id="portal-required-email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <p className="hint warning">{t('portal.corporateEmailWarning')}</p>
      <Alert>{error}</Alert>
      <button type="submit" className="primary">
        {t('portal.save')}
      </button>
    </form>
  );
}

/** «Сменить пароль»: the current one after a password sign-in; after a signature, the e-mail (pre-filled) instead. */
export function PasswordChange({ session, initialEmail, onChanged }: { session: PortalSession; initialEmail: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const bySignature = session.signedInWith === 'signature';
  const [current, setCurrent] = useState('');
  const [values, setValues] = useState<PasswordAndEmail>({ password: '', confirmation: '', email: initialEmail });
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setShown(true);
    setError(undefined);
    if (Object.keys(passwordProblems(values, { withEmail: bySignature })).length > 0) return;
    try {
      await portalApi.changePassword(session.token, {
        newPassword: values.password,
        newPasswordConfirmation: values.confirmation,
        ...(bySignature ? { email: values.email.trim() } : { currentPassword: current }),
      });
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {!bySignature && (
        <>
          <label htmlFor="portal-current-password">{t('portal.currentPassword')}</label>
          <input id="portal-current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </>
      )}
      <PasswordAndEmailFields values={values} onChange={setValues} shown={shown} withEmail={bySignature} />
      <Alert>{error}</Alert>
      <button type="submit" className="primary">
        {t('portal.changePassword')}
      </button>
    </form>
  );
}

/** «История получения услуг» (no «Номер запроса» with temporary rights) and «Проверка услуг» (full rights only). */
function Services({ session }: { session: PortalSession }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const [history, setHistory] = useState<ServiceHistory>();
  const [number, setNumber] = useState('');
  const [checked, setChecked] = useState<ServiceCheck>();
  const [error, setError] = useState<string>();
  const load = useCallback(() => {
    portalApi.history(session.token).then(setHistory, (e: unknown) => setError(errorText(e)));
  }, [session.token, errorText]);
  useEffect(load, [load]);
  const check = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      setChecked(await portalApi.check(session.token, number.trim()));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const full = history?.rights === 'full';
  return (
    <>
      <h2>{t('portal.history')}</h2>
      <button type="button" onClick={load}>
        {t('status.refresh')}
      </button>
      {history && history.items.length === 0 && <p>{t('portal.noServices')}</p>}
      {history && history.items.length > 0 && (
        <table className="history">
          <thead>
            <tr>
              <th scope="col">{t('portal.date')}</th>
              {history.requestNumberShown && <th scope="col">{t('portal.requestNumber')}</th>}
              <th scope="col">{t('portal.service')}</th>
              <th scope="col">{t('portal.status')}</th>
            </tr>
          </thead>
          <tbody>
            {history.items.map((item) => (
              <tr key={`${item.date}-${item.requestNumber ?? ''}`}>
                <td>{dateTime(item.date)}</td>
                {history.requestNumberShown && <td>{item.requestNumber}</td>}
                <td>{t('portal.remoteCertificate')}</td>
                <td>{t(`portal.statuses.${item.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('portal.serviceCheck')}</h2>
      {history && !full && <p className="hint">{t('portal.fullRightsRequired')}</p>}
      {full && (
        <form onSubmit={(e) => void check(e)} noValidate>
          <label htmlFor="portal-request-number">{t('portal.requestNumber')}</label>
          <input id="portal-request-number" value={number} onChange={(e) => setNumber(e.target.value)} />
          <button type="submit">{t('portal.check')}</button>
        </form>
      )}
      {checked && (
        <ol className="timeline">
          {checked.history.map((h) => (
            <li key={`${h.status}-${h.at}`}>
              {dateTime(h.at)} — {t(`portal.statuses.${h.status}`)}
            </li>
          ))}
        </ol>
      )}
      <Alert>{error}</Alert>
    </>
  );
}

/** The signed-in person's page: rights, the temporary account's dates, services, password, sign-out. */
function Cabinet({ session, onSignedOut }: { session: PortalSession; onSignedOut: (message?: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const [profile, setProfile] = useState<PortalProfile>();
  const [emailNeeded, setEmailNeeded] = useState(Boolean(session.emailRequired));
  const [changing, setChanging] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    portalApi.me(session.token).then(setProfile, (e: unknown) => {
      setError(errorText(e));
      sessionStore.save(undefined);
    });
  }, [session.token, errorText]);
  const signOut = async () => {
    await portalApi.signOut(session.token).catch(() => undefined);
    onSignedOut();
  };
  if (error && !profile) return <Alert>{error}</Alert>;
  if (!profile) return <p role="status">{t('app.loading')}</p>;
  return (
    <section className="page">
      <PageTitle>{t('portal.cabinet')}</PageTitle>
      <p role="status">
        {t('portal.signedInAs', { login: profile.login })} · {t(profile.rights === 'full' ? 'portal.fullRights' : 'portal.temporaryRights')}
      </p>
      {profile.rights === 'temporary' && (
        <Alert kind="info">
          {t('portal.temporaryNotice')}
          {profile.life?.deleteAt
            ? ` ${t('portal.deleteAt', { at: dateTime(profile.life.deleteAt) })}`
            : profile.life?.noticeAt
              ? ` ${t('portal.noticeAt', { at: dateTime(profile.life.noticeAt) })}`
              : ''}{' '}
          <a href="/">{t('portal.getSignature')}</a>
        </Alert>
      )}
      {emailNeeded && (
        <EmailRequired
          session={session}
          onSaved={(email) => {
            setEmailNeeded(false);
            setProfile({ ...profile, email });
          }}
        />
      )}
      <Services session={session} />
      <h2>{t('portal.changePassword')}</h2>
      {changing ? (
        <PasswordChange session={session} initialEmail={profile.email ?? ''} onChanged={() => onSignedOut(t('portal.passwordChanged'))} />
      ) : (
        <button type="button" onClick={() => setChanging(true)}>
          {t('portal.changePassword')}
        </button>
      )}
      <p>
        <button type="button" onClick={() => void signOut()}>
          {t('portal.signOut')}
        </button>
      </p>
    </section>
  );
}

/** /portal: the sign-in, then the cabinet; the session kept for this tab. */
export function SignInPage() {
  const [session, setSession] = useState<PortalSession | undefined>(() => sessionStore.load());
  const [message, setMessage] = useState<string>();
  const signedIn = (s: PortalSession) => {
    sessionStore.save(s);
    setMessage(undefined);
    setSession(s);
  };
  if (session) {
    return (
      <Cabinet
        session={session}
        onSignedOut={(m) => {
          sessionStore.save(undefined);
          setSession(undefined);
          setMessage(m);
        }}
      />
    );
  }
  return (
    <>
      {message && <Alert kind="success">{message}</Alert>}
      <SignIn onSignedIn={signedIn} />
    </>
  );
}
