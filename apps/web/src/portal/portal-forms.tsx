import { useTranslation } from 'react-i18next';
import { FieldError } from '../ui';

/** Seed 000: «Длина пароля должна быть не менее 8 и не более 30 символов». */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 30;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface PasswordAndEmail {
  password: string;
  confirmation: string;
  email: string;
}

/** What is wrong with the three fields, by field (checked as the person types, and again on «Далее»). */
export function passwordProblems(values: PasswordAndEmail, options: { withEmail: boolean }): Partial<Record<keyof PasswordAndEmail, 'length' | 'mismatch' | 'email'>> {
  const problems: Partial<Record<keyof PasswordAndEmail, 'length' | 'mismatch' | 'email'>> = {};
  if (values.password.length < PASSWORD_MIN || values.password.length > PASSWORD_MAX) problems.password = 'length';
  if (values.confirmation !== values.password) problems.confirmation = 'mismatch';
  if (options.withEmail && !EMAIL.test(values.email.trim())) problems.email = 'email';
  return problems;
}

/** «Создать пароль*», «Подтверждение пароля*», «E-mail*» with the seed's rule and warning under them. */
export function PasswordAndEmailFields({ values, onChange, shown, withEmail = true }: { values: PasswordAndEmail; onChange: (v: PasswordAndEmail) => void; shown: boolean; withEmail?: boolean }) {
  const { t } = useTranslation();
  const problems = passwordProblems(values, { withEmail });
  // A field shows its problem once something is typed in it, or after «Далее».
  const show = (field: keyof PasswordAndEmail) => (shown || values[field] !== '' ? problems[field] : undefined);
  const set = (field: keyof PasswordAndEmail) => (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...values, [field]: e.target.value });
  return (
    <>
      <label htmlFor="portal-password">{t('portal.password')}*</label>
      <input id="portal-password" type="password" autoComplete="new-password" value={values.password} onChange={set('password')} aria-invalid={Boolean(show('password'))} aria-describedby="portal-password-rule portal-password-error" />
      <p id="portal-password-rule" className="hint">
        {t('portal.passwordRule')}
      </p>
      <FieldError id="portal-password-error">{show('password') && t('portal.passwordRule')}</FieldError>
      <label htmlFor="portal-confirmation">{t('portal.passwordConfirmation')}*</label>
      <input id="portal-confirmation" type="password" autoComplete="new-password" value={values.confirmation} onChange={set('confirmation')} aria-invalid={Boolean(show('confirmation'))} aria-describedby="portal-confirmation-error" />
      <FieldError id="portal-confirmation-error">{show('confirmation') && t('portal.confirmationMismatch')}</FieldError>
      {withEmail && (
        <>
          <label htmlFor="portal-email">{t('portal.email')}*</label>
          <input id="portal-email" type="email" autoComplete="email" value={values.email} onChange={set('email')} aria-invalid={Boolean(show('email'))} aria-describedby="portal-email-warning portal-email-error" />
          <p id="portal-email-warning" className="hint warning">
            {t('portal.corporateEmailWarning')}
          </p>
          <FieldError id="portal-email-error">{show('email') && t('portal.emailInvalid')}</FieldError>
        </>
      )}
    </>
  );
}

/** The seed's five-step bar: «Шаг 1 Выбор вида регистрации … Шаг 5 Подтверждение». */
export function StepBar({ current }: { current: 1 | 2 | 3 | 4 | 5 }) {
  const { t } = useTranslation();
  const names = [t('portal.steps.kind'), t('portal.steps.registration'), t('portal.steps.signing'), t('portal.steps.result'), t('portal.steps.confirmation')];
  return (
    <ol className="step-bar" aria-label={t('portal.steps.label')}>
      {names.map((name, i) => (
        <li key={name} aria-current={i + 1 === current ? 'step' : undefined} className={i + 1 < current ? 'done' : undefined}>
          <span>{t('portal.steps.step', { n: i + 1 })}</span> {name}
        </li>
      ))}
    </ol>
  );
}
