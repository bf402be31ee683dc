import { useTranslation } from 'react-i18next';
import { ApplicantFlow } from './applicant-flow';
import { LANGUAGES, LANGUAGE_NAMES, changeLanguage, type Language } from './i18n';
import { FirstHeadCabinet } from './first-head/first-head-cabinet';
import { ModerationConsole } from './moderation/moderation-console';
import { Portal } from './portal/portal';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <nav aria-label={t('app.language')} className="languages">
      {LANGUAGES.map((lng: Language) => (
        <button key={lng} type="button" lang={lng} aria-pressed={i18n.language === lng} onClick={() => void changeLanguage(lng)}>
          {LANGUAGE_NAMES[lng]}
        </button>
      ))}
    </nav>
  );
}

/** The audiences' addresses: the applicant at /, moderators at /moderation, first heads at /first-head, portal accounts at /portal. */
function Pages({ path }: { path: string }) {
  if (path.startsWith('/moderation')) return <ModerationConsole />;
  if (path.startsWith('/first-head')) return <FirstHeadCabinet />;
  if (path.startsWith('/portal')) return <Portal path={path} />;
  return <ApplicantFlow />;
}

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header>
        <span className="brand">Digital ID</span>
        <LanguageSwitch />
      </header>
      <main id="main">
        <Pages path={window.location.pathname} />
      </main>
    </>
  );
}
