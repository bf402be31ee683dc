import { OnboardingOtp1763798400000 } from './1763798400000-onboarding-otp';

/** Every migration in order. */
export const MIGRATIONS = [OnboardingOtp1763798400000];
