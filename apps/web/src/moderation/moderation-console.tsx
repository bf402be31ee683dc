import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CERTIFICATE_TEMPLATE_CODES } from '@app/contracts/application';
import { Alert, FieldError, PageTitle, useDateTime, useErrorText } from '../ui';
import { CaseView } from './case-view';
import { StaffApi, type QueueItem } from './staff-api';

const SESSION_KEY = 'digital-id.staff';
const REASONS = ['register_person_not_found', 'document_not_in_register', 'document_not_valid', 'document_expired', 'fields_differ', 'face_mismatch', 'register_photo_missing', 'face_not_comparable'] as const;
const STATUSES = ['open', 'escalated', 'claimed', 'decided'] as const;

function SignIn({ onSignedIn }: { onSignedIn: (api: StaffApi) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form, setForm] = useState({ username: '', password: '', totp: '' });
  const [error, setError] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      onSignedIn(await StaffApi.signIn(form.username.trim(), form.password, form.totp));
    } catch (e) {
      setError(errorText(e));
      document.getElementById('staff-username')?.focus();
    }
  };
  const field = (name: keyof typeof form, label: string, type: string, autoComplete: string) => (
    <>
      <label htmlFor={`staff-${name}`}>{label}</label>
      <input id={`staff-${name}`} type={type} autoComplete={autoComplete} inputMode={name === 'totp' ? 'numeric' : undefined} value={form[name]} onChange={(e) => setForm((f) => ({ ...f, [name]: e.target.value }))} aria-describedby="staff-error" />
    </>
  );
  return (
    <section className="page">
      <PageTitle>{t('moderation.signIn')}</PageTitle>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {field('username', t('moderation.username'), 'text', 'username')}
        {field('password', t('moderation.password'), 'password', 'current-password')}
        {field('totp', t('moderation.totp'), 'text', 'one-time-code')}
        <FieldError id="staff-error">{error}</FieldError>
        <button type="submit" className="primary">
          {t('moderation.enter')}
        </button>
      </form>
    </section>
  );
}

function Queue({ api, onOpen }: { api: StaffApi; onOpen: (caseId: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const [filters, setFilters] = useState({ reason: '', template: '', status: '', olderThanMinutes: '' });
  const [items, setItems] = useState<QueueItem[]>();
  const [error, setError] = useState<string>();
  const load = useCallback(
    async (current: typeof filters) => {
      const query = new URLSearchParams(Object.entries(current).filter(([, v]) => v !== ''));
      try {
        setItems((await api.call<{ items: QueueItem[] }>('GET', `/api/v1/moderation/cases?${query.toString()}`)).items);
        setError(undefined);
      } catch (e) {
        setError(errorText(e));
      }
    },
    [api, errorText],
  );
  useEffect(() => void load({ reason: '', template: '', status: '', olderThanMinutes: '' }), [load]);
  const select = (name: 'reason' | 'template' | 'status', label: string, options: readonly string[], text: (o: string) => string) => (
    <div>
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} value={filters[name]} onChange={(e) => setFilters((f) => ({ ...f, [name]: e.target.value }))}>
        <option value="">{t('moderation.any')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section className="page">
      <PageTitle>{t('moderation.queue')}</PageTitle>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), void load(filters))}>
        <fieldset>
          <legend>{t('moderation.filters')}</legend>
          {select('reason', t('moderation.reason'), REASONS, (r) => t(`moderation.reasons.${r}`))}
          {select('template', t('moderation.template'), CERTIFICATE_TEMPLATE_CODES, (c) => t(`templates.${c}`))}
          {select('status', t('moderation.status'), STATUSES, (s) => t(`moderation.statuses.${s}`))}
          <label htmlFor="filter-older">{t('moderation.olderThan')}</label>
          <input id="filter-older" inputMode="numeric" value={filters.olderThanMinutes} onChange={(e) => setFilters((f) => ({ ...f, olderThanMinutes: e.target.value.replace(/\D/g, '') }))} />
          <button type="submit">{t('moderation.apply')}</button>
        </fieldset>
      </form>
      <Alert>{error}</Alert>
      {items && items.length === 0 && <p role="status">{t('moderation.empty')}</p>}
      {items && items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('moderation.case')}</th>
              <th scope="col">{t('moderation.reason')}</th>
              <th scope="col">{t('moderation.status')}</th>
              <th scope="col">{t('moderation.openedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.caseId} data-case={item.caseId}>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(item.caseId)}>
                    {t('moderation.open')} {item.caseId.slice(0, 8)}…
                  </button>
                  <div className="hint">{t(`templates.${item.template}`, { defaultValue: item.template })}</div>
                </td>
                <td>{item.reasons.map((r) => t(`moderation.reasons.${r}`, { defaultValue: r })).join(', ')}</td>
                <td>
                  {t(`moderation.statuses.${item.status}`)}
                  {item.claim && <div className="hint">{item.claim.moderator}</div>}
                </td>
                <td>{dateTime(item.openedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The moderators' pages at /moderation: sign-in with password and TOTP, the queue, a case. */
export function ModerationConsole() {
  const { t } = useTranslation();
  const [api, setApi] = useState<StaffApi | undefined>(() => {
    const saved = sessionStorage.getItem(SESSION_KEY);
    if (!saved) return undefined;
    const { token, username } = JSON.parse(saved) as { token: string; username: string };
    return new StaffApi(token, username);
  });
  const [caseId, setCaseId] = useState<string>();
  const signedIn = (next: StaffApi) => {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token: next.token, username: next.username }));
    setApi(next);
  };
  const signOut = () => {
    void api?.call('DELETE', '/api/v1/staff/sessions/current').catch(() => undefined);
    sessionStorage.removeItem(SESSION_KEY);
    setApi(undefined);
  };
  if (!api) return <SignIn onSignedIn={signedIn} />;
  return (
    <>
      <p className="staff-bar">
        {t('moderation.signedInAs', { username: api.username })}{' '}
        <button type="button" onClick={signOut}>
          {t('moderation.signOut')}
        </button>
      </p>
      {caseId ? <CaseView api={api} caseId={caseId} onBack={() => setCaseId(undefined)} /> : <Queue api={api} onOpen={setCaseId} />}
    </>
  );
}
