import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, FieldError, PageTitle, useDateTime, useErrorText } from '../ui';
import type { CasePage, StaffApi } from './staff-api';

const DECISIONS = ['approve', 'reject', 'new_selfie', 'new_document'] as const;

/** The six images side by side, each fetched with the staff token. */
function Evidence({ api, evidence }: { api: StaffApi; evidence: NonNullable<CasePage['detail']>['evidence'] }) {
  const { t } = useTranslation();
  const [urls, setUrls] = useState<Record<string, string>>({});
  useEffect(() => {
    let cancelled = false;
    const made: string[] = [];
    void Promise.all(
      evidence.map(async ({ kind, href }) => {
        const url = await api.image(href).catch(() => '');
        made.push(url);
        if (!cancelled) setUrls((all) => ({ ...all, [kind]: url }));
      }),
    );
    return () => {
      cancelled = true;
      made.forEach((u) => u && URL.revokeObjectURL(u));
    };
  }, [api, evidence]);
  return (
    <div className="evidence">
      {evidence.map(({ kind }) => (
        <figure key={kind} data-evidence={kind}>
          {urls[kind] ? <img src={urls[kind]} alt={t(`moderation.evidence.${kind}`)} /> : <div className="placeholder" aria-hidden="true" />}
          <figcaption>{t(`moderation.evidence.${kind}`)}</figcaption>
        </figure>
      ))}
    </div>
  );
}

/** A case: claim it, compare the images, the faces against the threshold and the fields with the register; decide. */
export function CaseView({ api, caseId, onBack }: { api: StaffApi; caseId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const dateTime = useDateTime();
  const [page, setPage] = useState<CasePage>();
  const [error, setError] = useState<string>();
  const [decision, setDecision] = useState<(typeof DECISIONS)[number]>('approve');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const path = `/api/v1/moderation/cases/${caseId}`;
  const load = useCallback(async () => {
    try {
      setPage(await api.call<CasePage>('GET', path));
    } catch (e) {
      setError(errorText(e));
    }
  }, [api, path, errorText]);
  useEffect(() => void load(), [load]);

  const claim = async () => {
    setError(undefined);
    try {
      setPage(await api.call<CasePage>('POST', `${path}/claim`));
    } catch (e) {
      setError(errorText(e));
    }
  };
  const decide = async (event: FormEvent) => {
    event.preventDefault();
    if (decision === 'reject' && !reason.trim()) {
      setReasonError(t('confirm.required'));
      return document.getElementById('decision-reason')?.focus();
    }
    setReasonError(undefined);
    try {
      setPage(await api.call<CasePage>('POST', `${path}/decision`, { decision, reason: reason.trim() || undefined }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  if (!page) return <Alert>{error}</Alert>;
  const detail = page.detail;
  return (
    <section className="page wide">
      <PageTitle>
        {t('moderation.case')} {page.caseId}
      </PageTitle>
      <button type="button" onClick={onBack}>
        {t('moderation.back')}
      </button>
      <p>
        {t(`templates.${page.template}`, { defaultValue: page.template })} · {page.reasons.map((r) => t(`moderation.reasons.${r}`, { defaultValue: r })).join(', ')} · {t(`moderation.statuses.${page.status}`)}
      </p>
      {page.claim && <p role="status">{page.claim.yours ? t('moderation.claimedByYou', { until: dateTime(page.claim.until) }) : t('moderation.claimedBy', { moderator: page.claim.moderator, until: dateTime(page.claim.until) })}</p>}
      <Alert>{error}</Alert>
      {page.decided && (
        <Alert kind="success">
          {t('moderation.decided', { decision: t(`moderation.decisions.${page.decided.decision}`), moderator: page.decided.moderator, at: dateTime(page.decided.at) })}
          {page.decided.reason && <div>{page.decided.reason}</div>}
        </Alert>
      )}
      {!detail && !page.decided && !(page.claim && !page.claim.yours) && (
        <button type="button" className="primary" onClick={() => void claim()}>
          {t('moderation.claim')}
        </button>
      )}
      {detail && (
        <>
          <h2>{t('moderation.images')}</h2>
          <Evidence api={api} evidence={detail.evidence} />
          <h2>{t('moderation.faces')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('moderation.pair')}</th>
                <th scope="col">{t('moderation.similarity')}</th>
                <th scope="col">{t('moderation.threshold')}</th>
                <th scope="col">{t('moderation.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.faces.pairs.map((pair) => (
                <tr key={pair.pair} className={pair.match ? undefined : 'differs'} data-pair={pair.pair}>
                  <td>{t(`moderation.pairs.${pair.pair}`, { defaultValue: pair.pair })}</td>
                  <td>{(pair.score ?? pair.similarity)?.toFixed(3) ?? '—'}</td>
                  <td>{pair.threshold.toFixed(3)}</td>
                  <td>{pair.match ? `✓ ${t('moderation.match')}` : `✕ ${t('moderation.noMatch')}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('moderation.fields')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('moderation.field')}</th>
                <th scope="col">{t('moderation.recognised')}</th>
                <th scope="col">{t('moderation.confirmed')}</th>
                <th scope="col">{t('moderation.register')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.fields.map((f) => (
                <tr key={f.field} className={f.differsFromRegister ? 'differs' : undefined} data-field={f.field}>
                  <th scope="row">
                    {t(`confirm.fields.${f.field}`, { defaultValue: f.field })}
                    {f.differsFromRegister && <span className="flag"> ≠ {t('moderation.differs')}</span>}
                  </th>
                  <td>{f.recognised ?? '—'}</td>
                  <td>
                    {f.confirmed ?? '—'}
                    {f.correctedByApplicant && <span className="flag"> ({t('moderation.corrected')})</span>}
                  </td>
                  <td>{f.register ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!page.decided && (
            <form onSubmit={(e) => void decide(e)} noValidate>
              <fieldset>
                <legend>{t('moderation.decision')}</legend>
                {DECISIONS.map((d) => (
                  <label key={d} className="choice">
                    <input type="radio" name="decision" checked={decision === d} onChange={() => setDecision(d)} />
                    {t(`moderation.decisions.${d}`)}
                  </label>
                ))}
              </fieldset>
              <label htmlFor="decision-reason">{t('moderation.reasonText')}</label>
              <textarea id="decision-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(reasonError)} aria-describedby="decision-reason-error" />
              <FieldError id="decision-reason-error">{reasonError}</FieldError>
              <button type="submit" className="primary">
                {t('moderation.decide')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
