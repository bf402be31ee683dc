import { SetMetadata } from '@nestjs/common';

/**
 * The metadata key the API's global AuthGuard reads: a route marked with it needs no principal.
 * It lives here, apart from the guard, so libraries with their own controllers (the CA's CRL,
 * OCSP and certificate endpoints) can mark public routes without depending on the API.
 */
export const PUBLIC_ROUTE = 'auth:public';

/** Anyone may call this route: it needs no principal. Everything else is denied by default. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
