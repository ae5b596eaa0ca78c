// A reference model of the HTTP guard, written from the security brief (§3.1) rather than from
// lib/security: exact string allowlists, no URL parsing. The fuzz test checks guard(x) agrees.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';

export interface OracleConfig { port: number; token: string }
export interface GuardCase {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
}

const secret = (token: string, purpose: string) => createHmac('sha256', token).update(`cni-lab:${purpose}`).digest('base64url');

/** Host values the brief allows: the three loopback names with our port (case-insensitive). */
function allowedHosts(port: number): Set<string> {
  const names = ['localhost', '127.0.0.1', '[::1]'];
  return new Set(names.flatMap((n) => (port === 80 ? [n, `${n}:80`] : [`${n}:${port}`])));
}

/** ok: would the brief let this request through? */
export function oracle(c: GuardCase, cfg: OracleConfig): boolean {
  const h = c.headers;
  const method = c.method.toUpperCase();
  const host = h.host;
  if (host === undefined || !allowedHosts(cfg.port).has(host.toLowerCase())) return false;
  const api = c.path.startsWith('/api/');
  if (!api) return method === 'GET' || method === 'HEAD';
  const sfs = h['sec-fetch-site'];
  if (sfs !== undefined && sfs !== 'same-origin' && sfs !== 'none') return false;
  if (method === 'OPTIONS') return false;

  // RFC 6265 §5.2: name and value are trimmed; a duplicated session cookie is refused (cookie tossing).
  const cookies = (h.cookie ?? '').split(';').map((p) => p.split('=')).filter((kv) => kv.length >= 2 && kv[0].trim() === 'cnilab_session');
  const cookieOk = cookies.length === 1 && cookies[0].slice(1).join('=').trim() === secret(cfg.token, 'cookie');
  const bearerOk = h.authorization === `Bearer ${cfg.token}`;
  const safe = method === 'GET' || method === 'HEAD';
  const origin = h.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) return false;
  // A request without Origin may change state only with the token itself (CLI clients).
  if (origin === undefined && !safe && !bearerOk) return false;
  const isPublic = ['GET /api/health', 'GET /api/session', 'POST /api/session'].includes(`${method} ${c.path}`);
  if (!isPublic && !cookieOk && !bearerOk) return false;
  if (!safe) {
    if ((h['content-type'] ?? '').split(';')[0].trim().toLowerCase() !== 'application/json') return false;
    const len = h['content-length'];
    if (len === undefined || !/^[0-9]+$/.test(len) || Number(len) > 64 * 1024) return false;
    if (`${method} ${c.path}` !== 'POST /api/session' && !bearerOk && h['x-cni-lab-csrf'] !== secret(cfg.token, 'csrf')) return false;
  }
  return true;
}

/** Requests built from the values that matter (right, almost right, hostile), each header optional. */
export function guardCases(cfg: OracleConfig): fc.Arbitrary<GuardCase> {
  const p = cfg.port;
  const hostA = fc.constantFrom(
    `localhost:${p}`, `127.0.0.1:${p}`, `[::1]:${p}`, `LOCALHOST:${p}`, `LocalHost:${p}`, 'localhost', `localhost:${p + 1}`, `localhost.:${p}`, `localhost:0${p}`,
    `evil.example:${p}`, `localhost.evil.example:${p}`, `127.0.0.1.nip.io:${p}`, `[example.com]:${p}`, '', ' ', `localhost:${p} `, `127.0.0.2:${p}`,
    `[::ffff:127.0.0.1]:${p}`, `[0:0:0:0:0:0:0:1]:${p}`, `0.0.0.0:${p}`, `2130706433:${p}`, `user@localhost:${p}`, `localhost:${p}:${p}`, `[::1]`, `localhost:${p}/`, `localhost:+${p}`,
  );
  const host = fc.oneof({ weight: 5, arbitrary: hostA }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
  const originA = (hostV: string | undefined) =>
    fc.constantFrom(
      `http://${hostV ?? 'x'}`, `http://${(hostV ?? 'x').toUpperCase()}`, `HTTP://${hostV ?? 'x'}`, `http://${hostV ?? 'x'}/`, `https://${hostV ?? 'x'}`, `http://localhost:${p}`,
      `http://127.0.0.1:${p}`, 'null', 'http://evil.example', `http://localhost:${p}.evil.example`, `http://localhost:${p + 1}`, `http://localhost:${p}@evil`, 'file://', '',
      `http://[::1]:${p}`, `http://localhost:0${p}`, `http://${hostV ?? 'x'}#`, `http://${hostV ?? 'x'}?`, `ws://${hostV ?? 'x'}`,
    );
  const cookieV = secret(cfg.token, 'cookie');
  const csrfV = secret(cfg.token, 'csrf');
  const cookie = fc.constantFrom(`cnilab_session=${cookieV}`, `a=b; cnilab_session=${cookieV}`, `cnilab_session=${cookieV}; cnilab_session=${cookieV}`, `cnilab_session=${cookieV.slice(1)}x`, 'cnilab_session=', `cnilab_session= ${cookieV} `, `Cnilab_session=${cookieV}`, `cnilab_session=${csrfV}`, `xcnilab_session=${cookieV}`);
  const auth = fc.constantFrom(`Bearer ${cfg.token}`, 'Bearer ', `Bearer ${cfg.token}x`, `bearer ${cfg.token}`, `Bearer  ${cfg.token}`, `Basic ${cfg.token}`, 'Bearer x', `Bearer ${cfg.token.slice(0, -1)}`);
  const csrf = fc.constantFrom(csrfV, `${csrfV} `, csrfV.slice(0, -1), cookieV, '', csrfV.toUpperCase());
  const ctype = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', ' application/json ', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json', 'application/jsonx', '');
  const clen = fc.constantFrom('0', '2', '65536', '65537', '-1', '1e3', ' 2', '99999999999999999999', '', '0x10', '2, 2');
  const sfs = fc.constantFrom('same-origin', 'none', 'same-site', 'cross-site', 'SAME-ORIGIN', '');
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });
  return fc
    .record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'get', 'post', 'TRACE', 'CONNECT'),
      path: fc.constantFrom('/', '/lessons/x', '/api/health', '/api/session', '/api/runs', '/api/runs/abc/events', '/api/mode', '/api', '/api/', '/_next/static/x.js', '/apiary', '/api/doctor'),
      host: opt(host),
      withOrigin: fc.boolean(),
      originPick: fc.nat(100),
      cookie: opt(cookie),
      authorization: opt(auth),
      csrf: opt(csrf),
      ctype: opt(ctype),
      clen: opt(clen),
      sfs: opt(sfs),
    })
    .chain((r) =>
      (r.withOrigin ? originA(r.host).map((o): string | undefined => o) : fc.constant<string | undefined>(undefined)).map((origin) => ({
        method: r.method,
        path: r.path,
        headers: Object.fromEntries(
          Object.entries({ host: r.host, origin, cookie: r.cookie, authorization: r.authorization, 'x-cni-lab-csrf': r.csrf, 'content-type': r.ctype, 'content-length': r.clen, 'sec-fetch-site': r.sfs }).filter(([, v]) => v !== undefined),
        ),
      })),
    );
}
