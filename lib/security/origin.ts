// Origin check: exact scheme://host:port comparison with the request's own (allowlisted) Host.
// No prefix or regex matching (Jupyter CVE-2026-40110), and "null" is never accepted.

export function expectedOrigin(hostHeader: string): string {
  return `http://${hostHeader.toLowerCase()}`;
}

export function originMatches(origin: string | undefined, hostHeader: string): boolean {
  if (!origin || origin === 'null') return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  // new URL() normalises case and default ports; the serialised origin must equal ours exactly.
  if (parsed.origin === 'null') return false;
  if (origin.toLowerCase() !== parsed.origin) return false;
  return parsed.origin === new URL(expectedOrigin(hostHeader)).origin;
}
