/** Injection token of the PkiOptions given to PkiModule.forRoot / forRootAsync. */
export const PKI_OPTIONS = Symbol('PKI_OPTIONS');
/** Injection token of the assembled `Pki` services (exported for the API, e.g. first-head approval). */
export const PKI = Symbol('PKI');
