// Host header allowlist: the defence against DNS rebinding. Exact match on loopback names and our port.

export type HostVerdict = { ok: true; hostname: string } | { ok: false; status: 400 | 403; reason: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Splits a Host header into hostname and port; undefined when malformed. IPv6 must be bracketed. */
export function parseHostHeader(host: string): { hostname: string; port?: number } | undefined {
  if (host.length === 0 || host.length > 300 || /[\s/@?#\\]/.test(host)) return undefined;
  let hostname: string;
  let portText: string | undefined;
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    if (end < 0) return undefined;
    hostname = host.slice(0, end + 1);
    const rest = host.slice(end + 1);
    if (rest !== '' && !rest.startsWith(':')) return undefined;
    portText = rest ? rest.slice(1) : undefined;
    // Only real IPv6 literals may be bracketed (rejects "[example.com]").
    if (!/^\[[0-9a-f:.]+\]$/i.test(hostname)) return undefined;
  } else {
    const parts = host.split(':');
    if (parts.length > 2) return undefined;
    hostname = parts[0];
    portText = parts[1];
  }
  let port: number | undefined;
  if (portText !== undefined) {
    // Exact match (brief §3.1): no leading zeros, so "localhost:03217" is not an alias of our Host.
    if (!/^[1-9]\d{0,4}$/.test(portText)) return undefined;
    port = Number(portText);
    if (port < 1 || port > 65535) return undefined;
  }
  if (!hostname) return undefined;
  return { hostname: hostname.toLowerCase(), port };
}

/** Accepts only localhost, 127.0.0.1 and [::1] with the server's own port. */
export function checkHost(hostHeader: string | undefined, serverPort: number): HostVerdict {
  if (hostHeader === undefined || hostHeader === '') return { ok: false, status: 400, reason: 'missing Host header' };
  const parsed = parseHostHeader(hostHeader);
  if (!parsed) return { ok: false, status: 400, reason: 'malformed Host header' };
  if (!LOOPBACK.has(parsed.hostname)) return { ok: false, status: 403, reason: `Host "${parsed.hostname}" is not allowed` };
  const port = parsed.port ?? 80;
  if (port !== serverPort) return { ok: false, status: 403, reason: 'Host port does not match this server' };
  return { ok: true, hostname: parsed.hostname };
}
