// The portal's public address, for links written where there is no request to take it from: the
// vault credentials file (when set), the links in notifications. One setting: PORTAL_URL, else
// BETTER_AUTH_URL (the public URL sign-in is configured with), else http://localhost:3000.

/** PORTAL_URL without a trailing slash, or null when it isn't set. */
export function configuredPortalUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.PORTAL_URL?.trim();
  return url ? url.replace(/\/+$/, "") : null;
}

/** The address links in notifications point to. */
export function publicPortalUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = configuredPortalUrl(env);
  if (configured) return configured;
  const auth = env.BETTER_AUTH_URL?.trim();
  if (auth) {
    try {
      return new URL(auth).origin;
    } catch {
      // not a URL: fall through to the default
    }
  }
  return "http://localhost:3000";
}
