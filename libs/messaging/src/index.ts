export * from './sms-sender';
