import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '@app/contracts/application';
import { Alert, Busy, PageTitle } from '../ui';

/** «Документ загружен / Документ привязан к аккаунту» (seed 002 step 18), then on to the consent. */
export function LinkedPage({ onContinue }: { onContinue: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageTitle>{t('result.uploaded')}</PageTitle>
      <Alert kind="success">{t('result.linked')}</Alert>
      <button type="button" className="primary" onClick={onContinue}>
        {t('result.cabinet')}
      </button>
    </section>
  );
}

/** «Ваш документ на проверке…»: the page keeps asking and moves on when the moderator has decided. */
export function ReviewPage() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageTitle>{t('result.uploaded')}</PageTitle>
      <Alert kind="info">{t('result.review')}</Alert>
    </section>
  );
}

export function WaitingPage({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageTitle>{t('app.title')}</PageTitle>
      <Busy>{text}</Busy>
    </section>
  );
}

const ENDED_TEXT = ['ineligible', 'phone_not_registered', 'blocked', 'superseded', 'abandoned', 'rejected', 'annulled'] as const;
export type EndedStatus = (typeof ENDED_TEXT)[number];
export const isEnded = (status: string): status is EndedStatus => (ENDED_TEXT as readonly string[]).includes(status);

export function EndedPage({ view, onStartOver }: { view: ApplicationView; onStartOver: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="page">
      <PageTitle>{t('app.title')}</PageTitle>
      <Alert>{t(`status.${view.status as EndedStatus}`)}</Alert>
      <button type="button" className="primary" onClick={onStartOver}>
        {t('app.startOver')}
      </button>
    </section>
  );
}
