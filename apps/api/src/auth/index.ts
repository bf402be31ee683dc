export * from './audit-journal';
export * from './auth.decorators';
export * from './auth.module';
export * from './principal';
export * from './session.service';
export { StaffAccountsProvider } from './staff.controller';
