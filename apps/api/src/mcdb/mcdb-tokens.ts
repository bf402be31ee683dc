/** What the БМГ operator's service is given (HTTP clients of the registers, the SMS sender); tests give fakes. */
export const MOBILE_CITIZEN_REGISTRY = Symbol('MOBILE_CITIZEN_REGISTRY');
export const STATE_REGISTER = Symbol('STATE_REGISTER');
export const MCDB_SMS = Symbol('MCDB_SMS');
