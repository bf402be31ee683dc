import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';

/** Paths the API answers itself; everything else that is a GET is the web app's. */
const API_PREFIXES = ['/api/', '/pki/', '/health', '/docs'];
const isApiPath = (path: string) => API_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix));

/**
 * The pages' Content-Security-Policy: scripts, styles and connections only from this origin (no
 * inline script or style), the camera's stream and its stills as blob:/mediastream:, no frames.
 */
export const WEB_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'blob:', 'data:'],
  mediaSrc: ["'self'", 'blob:', 'mediastream:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Served over plain HTTP on a developer's machine; behind TLS the proxy adds HSTS and upgrades.
  upgradeInsecureRequests: null,
};

/**
 * Serves the built web app (apps/web/dist) at `/` from the API's own origin, so the pages need no
 * CORS. Plain Express static files: they sit outside Nest's router and its guard, like any public
 * asset; the API routes keep their own guard. Helmet's headers go on every answer except the
 * OpenAPI page (its bundled UI runs inline scripts).
 */
export function serveWebPages(app: NestExpressApplication, dir: string): { served: boolean; dir: string } {
  const root = resolve(dir);
  const security = helmet({ contentSecurityPolicy: { useDefaults: true, directives: WEB_CSP_DIRECTIVES } });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/docs' || req.path.startsWith('/docs/') || req.path.startsWith('/docs-')) return next();
    res.setHeader('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
    return security(req, res, next);
  });
  const index = join(root, 'index.html');
  if (!existsSync(index)) return { served: false, dir: root };
  const assets = express.static(root, { index: false, fallthrough: true, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : assets(req, res, next)));
  // The app routes in the browser: any other GET that is not the API's gets the page.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isApiPath(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    return res.sendFile(index);
  });
  return { served: true, dir: root };
}
