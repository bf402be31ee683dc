import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api';
import { ContainerPicker } from '../keys/container-picker';
import { signDetached, type OpenedContainer } from '../keys/pkcs12-signing';
import { Alert, PageTitle, useDateTime, useErrorText } from '../ui';

interface Session {
  token: string;
  iinMasked: string;
  bin: string;
  organizationName: string;
}
interface PendingApplication {
  number: string;
  employeeName: string;
  employeeIinMasked: string;
  templateTitle: string;
  requestedAt: string;
  deadlineAt: string;
}

function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [container, setContainer] = useState<OpenedContainer>();
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!container) return setError(t('container.wrong'));
    try {
      const challenge = await request<{ challengeId: string; challenge: string }>('POST', '/api/v1/first-head/challenges');
      const signature = await signDetached(container, challenge.challenge);
      onSignedIn(await request<Session>('POST', '/api/v1/first-head/sessions', { body: { challengeId: challenge.challengeId, signature } }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="page">
      <PageTitle>{t('firstHead.title')}</PageTitle>
      <p>{t('firstHead.signInHint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ContainerPicker id="auth" label={t('firstHead.authContainer')} onOpened={setContainer} />
        <Alert>{error}</Alert>
        <button type="submit" className="primary" disabled={!container}>
          {t('firstHead.signIn')}
        </button>
      </form>
    </section>
  );
}

/** The first head's cabinet at /first-head: sign in with the AUTH container, the BIN's pending applications, approve (SIGN) or reject. */
export function FirstHeadCabinet() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const [session, setSession] = useState<Session>();
  const [items, setItems] = useState<PendingApplication[]>();
  const [signer, setSigner] = useState<OpenedContainer>();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    if (!session) return;
    try {
      setItems(await request<PendingApplication[]>('GET', '/api/v1/first-head/applications', { token: session.token }));
    } catch (e) {
      setError(errorText(e));
    }
  }, [session, errorText]);
  useEffect(() => void load(), [load]);

  if (!session) return <SignIn onSignedIn={setSession} />;
  const base = (number: string) => `/api/v1/first-head/applications/${number}`;
  const approve = async (number: string) => {
    setError(undefined);
    try {
      if (!signer) throw new Error(t('container.wrong'));
      const application = await request<{ approvalContent: { text: string } }>('GET', base(number), { token: session.token });
      const signature = await signDetached(signer, application.approvalContent.text);
      await request('POST', `${base(number)}/approval`, { token: session.token, body: { signature } });
      setDone((d) => ({ ...d, [number]: t('firstHead.approved') }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const reject = async (number: string) => {
    setError(undefined);
    try {
      await request('POST', `${base(number)}/rejection`, { token: session.token, body: { reason: reasons[number] ?? '' } });
      setDone((d) => ({ ...d, [number]: t('firstHead.rejected') }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="page wide">
      <PageTitle>{t('firstHead.title')}</PageTitle>
      <p role="status">
        {session.organizationName} · {t('firstHead.bin')} {session.bin} · {session.iinMasked}
      </p>
      <h2>{t('firstHead.pending')}</h2>
      <Alert>{error}</Alert>
      {items && items.length === 0 && <p>{t('firstHead.none')}</p>}
      {items && items.length > 0 && (
        <>
          <ContainerPicker id="sign" label={t('firstHead.signContainer')} onOpened={setSigner} />
          <ul className="applications">
            {items.map((item) => (
              <li key={item.number} data-number={item.number}>
                <p>
                  <strong>{item.number}</strong> · {item.employeeName} ({item.employeeIinMasked}) · {item.templateTitle}
                </p>
                <p className="hint">{t('firstHead.deadline', { at: dateTime(item.deadlineAt) })}</p>
                {done[item.number] ? (
                  <Alert kind="success">{done[item.number]}</Alert>
                ) : (
                  <>
                    <button type="button" className="primary" disabled={!signer} onClick={() => void approve(item.number)}>
                      {t('firstHead.approve')}
                    </button>
                    <label htmlFor={`reason-${item.number}`}>{t('firstHead.reason')}</label>
                    <input id={`reason-${item.number}`} value={reasons[item.number] ?? ''} onChange={(e) => setReasons((r) => ({ ...r, [item.number]: e.target.value }))} />
                    <button type="button" onClick={() => void reject(item.number)}>
                      {t('firstHead.reject')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
