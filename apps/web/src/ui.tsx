import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiFailure } from './api';
import { LOCALE, type Language } from './i18n';

/** A page's heading; it takes the focus when the page changes, so screen readers announce it. */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function FieldError({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {children}
    </p>
  );
}

export function Alert({ children, kind = 'error' }: { children?: ReactNode; kind?: 'error' | 'info' | 'success' }) {
  if (!children) return null;
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Busy({ children }: { children: ReactNode }) {
  return (
    <p className="busy" role="status" aria-live="polite">
      {children}
    </p>
  );
}

export function Tick({ ok, children }: { ok: boolean | null | undefined; children: ReactNode }) {
  return (
    <li className={ok ? 'tick ok' : ok === false ? 'tick no' : 'tick'}>
      <span aria-hidden="true">{ok ? '✓' : ok === false ? '✕' : '…'}</span> {children}
    </li>
  );
}

/** Every failure in the person's language: the API's code picks the words, never its Russian message. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  // Stable while the language is: pages use it in their effects' dependencies.
  return useCallback((error: unknown): string => {
    if (error instanceof ApiFailure) {
      const attemptsLeft = error.details.attemptsLeft;
      if (error.code === 'otp_wrong' && typeof attemptsLeft === 'number') return t('errors.otp_wrong_left', { count: attemptsLeft });
      if (error.code === 'validation_failed' && Array.isArray(error.details.fields)) {
        const constraints = (error.details.fields as Array<{ constraints: string[] }>).flatMap((f) => f.constraints);
        // The check digit's own words: «неверный ИИН» / «неверный БИН» (the start's validators isIin, isBin).
        if (constraints.includes('isIin')) return t('errors.invalid_iin');
        if (constraints.includes('isBin')) return t('start.invalidBin');
        const names = (error.details.fields as Array<{ field: string }>).map(({ field }) => (i18n.exists(`errors.fields.${field}`) ? t(`errors.fields.${field}`) : field));
        return t('errors.validation_failed', { fields: [...new Set(names)].join(', ') });
      }
      // A refusal that names its reason (the portal, the signature checks): the reason picks the words.
      const reason = error.details.reason;
      if (typeof reason === 'string' && i18n.exists(`errors.reasons.${reason}`)) return t(`errors.reasons.${reason}`, { code: error.details.registerCode });
      if (error.code === 'rejected') return t('errors.rejected', { message: error.message });
      if (error.status === 429 && error.code === 'http_429') return t('errors.too_many_requests');
      const key = `errors.${error.code}`;
      const text = t(key);
      return text === key ? t('errors.unknown', { message: error.message }) : text;
    }
    if (error instanceof TypeError) return t('errors.network');
    return t('errors.unknown', { message: (error as Error)?.message ?? String(error) });
  }, [t, i18n]);
}

export function useDateTime() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(LOCALE[i18n.language as Language] ?? 'ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (iso: string) => format.format(new Date(iso));
}

/** Seconds until an ISO instant (0 once passed), ticking every second. */
export function secondsUntil(iso: string | undefined, now: number): number {
  if (!iso) return 0;
  return Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 1000));
}

export function mmss(seconds: number): string {
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The camera icon of the shutter buttons (drawn, not an emoji: not every system has an emoji font). */
export function CameraIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M9 4 7.2 6H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-3.2L15 4H9zm3 4.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z" />
    </svg>
  );
}
