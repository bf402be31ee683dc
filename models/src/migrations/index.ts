import { OnboardingOtp1763798400000 } from './1763798400000-onboarding-otp';
import { Biometrics1763800000001 } from './1763800000001-biometrics';
import { Pki1763800000002 } from './1763800000002-pki';

export { OnboardingOtp1763798400000, Biometrics1763800000001, Pki1763800000002 };

/** Every migration in order. */
export const MIGRATIONS = [OnboardingOtp1763798400000, Biometrics1763800000001, Pki1763800000002];
