/**
 * The portal pages the e-mails link to (PORTAL_WEB_URL). The activation page POSTs the token to the
 * API: a GET that activated would be spent by any mail scanner that prefetches links.
 */
export function portalLinks(portalWebUrl: string) {
  const base = portalWebUrl.replace(/\/$/, '');
  return {
    activation: (token: string) => `${base}/portal/registration/confirm?token=${encodeURIComponent(token)}`,
    signIn: `${base}/portal/sign-in`,
  };
}
