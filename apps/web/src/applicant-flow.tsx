import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '@app/contracts/application';
import { ApplicantApi } from './api';
import { CodePage, DigitalIdPage } from './pages/code-page';
import { ConfirmPage } from './pages/confirm-page';
import { ConsentPage } from './pages/consent-page';
import { DocumentPage } from './pages/document-page';
import { NucApplicationPage, type SubmittedApplication } from './pages/nuc-application-page';
import { InstalledPage, NucStatusPage } from './pages/nuc-status-page';
import { PinPage } from './pages/pin-page';
import { EndedPage, LinkedPage, ReviewPage, WaitingPage, isEnded } from './pages/result-pages';
import { SelfiePage } from './pages/selfie-page';
import { StartPage } from './pages/start-page';
import { VideoPage } from './pages/video-page';
import { Alert, useErrorText } from './ui';

const SESSION_KEY = 'digital-id.application';
/** Statuses the page waits out, asking again every so often (the workflow moves on by itself). */
const MOVING = ['checking_phone', 'otp_cooldown', 'digital_id_otp_cooldown', 'document_reading', 'register_matching', 'under_review', 'awaiting_first_head', 'certificates_issuing'];

function savedApi(): ApplicantApi | undefined {
  const saved = sessionStorage.getItem(SESSION_KEY);
  if (!saved) return undefined;
  const { applicationId, token, clientChecks, subjectType } = JSON.parse(saved) as Pick<ApplicantApi, 'applicationId' | 'token' | 'clientChecks' | 'subjectType'>;
  return new ApplicantApi(applicationId, token, clientChecks, subjectType);
}

/** The applicant's pages, chosen by where the application is (the workflow's status). */
export function ApplicantFlow() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [api, setApi] = useState<ApplicantApi | undefined>(savedApi);
  const [view, setView] = useState<ApplicationView>();
  const [error, setError] = useState<string>();
  const [linkedSeen, setLinkedSeen] = useState(false);
  const [submitted, setSubmitted] = useState<SubmittedApplication>();

  const refresh = useCallback(async () => {
    if (!api) return;
    try {
      setView(await api.view());
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  }, [api, errorText]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    if (!view || !MOVING.includes(view.status)) return;
    const timer = setTimeout(() => void refresh(), 1000);
    return () => clearTimeout(timer);
  }, [view, refresh]);

  const started = (next: ApplicantApi) => {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ applicationId: next.applicationId, token: next.token, clientChecks: next.clientChecks, subjectType: next.subjectType }));
    setApi(next);
  };
  const startOver = () => {
    sessionStorage.removeItem(SESSION_KEY);
    setApi(undefined);
    setView(undefined);
    setSubmitted(undefined);
    setLinkedSeen(false);
  };
  const changed = () => void refresh();

  if (!api) return <StartPage onStarted={started} />;
  if (!view) return error ? <><Alert>{error}</Alert><button type="button" onClick={startOver}>{t('app.startOver')}</button></> : <WaitingPage text={t('app.loading')} />;
  const props = { api, view, onChanged: changed };
  const page = (() => {
    if (isEnded(view.status)) return <EndedPage view={view} onStartOver={startOver} />;
    switch (view.status) {
      case 'checking_phone':
      case 'otp_cooldown':
      case 'digital_id_otp_cooldown':
        return <WaitingPage text={t('otp.wait')} />;
      case 'otp_sent':
        return <CodePage {...props} />;
      case 'otp_verified':
      case 'digital_id_otp_sent':
        return <DigitalIdPage {...props} />;
      case 'selfie_required':
        return <SelfiePage {...props} />;
      case 'video_identification':
        return <VideoPage {...props} />;
      case 'pin_required':
        return <PinPage {...props} />;
      case 'document_required':
        return <DocumentPage {...props} />;
      case 'document_reading':
        return <WaitingPage text={t('document.reading')} />;
      case 'document_confirmation':
        return <ConfirmPage {...props} />;
      case 'register_matching':
        return <WaitingPage text={t('result.matching')} />;
      case 'under_review':
        return <ReviewPage />;
      case 'document_linked':
        return linkedSeen ? <ConsentPage {...props} /> : <LinkedPage onContinue={() => setLinkedSeen(true)} />;
      case 'nuc_application':
        return <NucApplicationPage {...props} onSubmitted={(s) => (setSubmitted(s), changed())} />;
      case 'awaiting_first_head':
      case 'certificates_issuing':
      case 'certificates_issued':
        return <NucStatusPage view={view} submitted={submitted} onChanged={changed} />;
      case 'installed':
        return <InstalledPage view={view} />;
      default:
        return <WaitingPage text={t('status.waiting')} />;
    }
  })();
  return (
    <>
      {error && <Alert>{error}</Alert>}
      <div data-status={view.status}>{page}</div>
    </>
  );
}
