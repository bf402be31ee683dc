import { PasswordRecoveryPage } from './password-recovery-page';
import { ActivationPage, RegistrationPage } from './registration-pages';
import { SignInPage } from './sign-in-page';

/**
 * The e-government portal's own accounts (seeds 000/001) at /portal: sign-in and the cabinet,
 * /portal/registration, the e-mailed link /portal/registration/confirm, /portal/password-recovery.
 */
export function Portal({ path }: { path: string }) {
  if (path.startsWith('/portal/registration/confirm')) return <ActivationPage />;
  if (path.startsWith('/portal/registration')) return <RegistrationPage />;
  if (path.startsWith('/portal/password-recovery')) return <PasswordRecoveryPage />;
  return <SignInPage />;
}
