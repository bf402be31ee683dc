export * from './otp-policy';
export * from './otp-service';
