import { describe, expect, it } from 'vitest';
import { guard, MAX_BODY_BYTES } from './guard';
import { checkHost, parseHostHeader } from './host';
import { originMatches } from './origin';
import { deriveSecret, readCookie, safeEqual } from './token';

const PORT = 3217;
const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvw';
const cfg = { port: PORT, token: TOKEN };
const cookie = `cnilab_session=${deriveSecret(TOKEN, 'cookie')}`;
const csrf = deriveSecret(TOKEN, 'csrf');

function post(headers: Record<string, string | undefined>, path = '/api/runs') {
  return guard(
    {
      method: 'POST',
      path,
      headers: {
        host: `127.0.0.1:${PORT}`,
        origin: `http://127.0.0.1:${PORT}`,
        'content-type': 'application/json',
        'content-length': '20',
        cookie,
        'x-cni-lab-csrf': csrf,
        ...headers,
      },
    },
    cfg,
  );
}

describe('Host allowlist (DNS rebinding)', () => {
  it.each(['evil.example:3217', 'localhost.evil.example:3217', '127.0.0.1.nip.io:3217', 'evil.example', '0.0.0.0:3217', '10.0.0.1:3217'])(
    'refuses Host %s with 403',
    (host) => {
      expect(checkHost(host, PORT)).toMatchObject({ ok: false, status: 403 });
    },
  );
  it.each(['[example.com]:3217', '', 'a:b:c', 'localhost:99999', 'localhost:', 'local host:3217', 'user@localhost:3217'])('refuses malformed Host %j', (host) => {
    expect(checkHost(host, PORT)).toMatchObject({ ok: false });
  });
  it('refuses a missing Host', () => expect(checkHost(undefined, PORT)).toMatchObject({ ok: false, status: 400 }));
  it('refuses the right name on another port', () => expect(checkHost('localhost:3000', PORT)).toMatchObject({ ok: false, status: 403 }));
  it.each(['localhost:3217', '127.0.0.1:3217', '[::1]:3217', 'LOCALHOST:3217'])('accepts %s', (host) => {
    expect(checkHost(host, PORT)).toMatchObject({ ok: true });
  });
  it('parses bracketed IPv6 with a port', () => expect(parseHostHeader('[::1]:8080')).toEqual({ hostname: '[::1]', port: 8080 }));
  it('applies to pages too', () => {
    expect(guard({ method: 'GET', path: '/', headers: { host: `evil.example:${PORT}` } }, cfg)).toMatchObject({ ok: false, status: 403 });
    expect(guard({ method: 'GET', path: '/', headers: { host: `localhost:${PORT}` } }, cfg)).toMatchObject({ ok: true });
  });
  it('ignores X-Forwarded-Host and x-middleware-subrequest', () => {
    const v = guard(
      { method: 'GET', path: '/api/runs', headers: { host: 'evil.example', 'x-forwarded-host': `localhost:${PORT}`, 'x-middleware-subrequest': 'middleware:middleware', cookie } },
      cfg,
    );
    expect(v).toMatchObject({ ok: false, status: 403 });
  });
});

describe('Origin', () => {
  const host = `localhost:${PORT}`;
  it.each([
    'https://evil.example',
    'null',
    `http://localhost:${PORT + 1}`,
    `http://localhost:${PORT}.evil.example`,
    `http://127.0.0.1:${PORT}`, // right server, different origin than the Host in use
    `https://localhost:${PORT}`,
    `http://localhost:${PORT}/`,
    'http://localhost',
    'not a url',
    '',
  ])('refuses %j for Host localhost', (origin) => {
    expect(originMatches(origin, host)).toBe(false);
  });
  it('accepts the exact origin', () => expect(originMatches(`http://localhost:${PORT}`, host)).toBe(true));
});

describe('state-changing API requests', () => {
  it('accepts a well-formed same-origin request', () => expect(post({})).toEqual({ ok: true, authenticated: true }));
  it.each([
    ['foreign Origin', { origin: 'https://evil.example' }, 403],
    ['null Origin', { origin: 'null' }, 403],
    ['missing Origin', { origin: undefined }, 403],
    ['text/plain', { 'content-type': 'text/plain' }, 415],
    ['form encoding', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, 415],
    ['no cookie', { cookie: undefined }, 401],
    ['wrong cookie, same length', { cookie: `cnilab_session=${'x'.repeat(deriveSecret(TOKEN, 'cookie').length)}` }, 401],
    ['wrong cookie, other length', { cookie: 'cnilab_session=abc' }, 401],
    ['duplicated cookie', { cookie: `${cookie}; ${cookie}` }, 401],
    ['missing CSRF header', { 'x-cni-lab-csrf': undefined }, 403],
    ['empty CSRF header', { 'x-cni-lab-csrf': '' }, 403],
    ['wrong CSRF, same length', { 'x-cni-lab-csrf': 'y'.repeat(csrf.length) }, 403],
    ['oversized body', { 'content-length': String(MAX_BODY_BYTES + 1) }, 413],
    ['no Content-Length', { 'content-length': undefined }, 411],
    ['cross-site fetch metadata', { 'sec-fetch-site': 'cross-site' }, 403],
    ['same-site fetch metadata (other localhost port)', { 'sec-fetch-site': 'same-site' }, 403],
  ])('refuses %s', (_name, headers, status) => {
    expect(post(headers as Record<string, string | undefined>)).toMatchObject({ ok: false, status });
  });
  it('lets a token-bearing CLI client omit Origin and CSRF', () => {
    expect(post({ origin: undefined, cookie: undefined, 'x-cni-lab-csrf': undefined, authorization: `Bearer ${TOKEN}` })).toMatchObject({ ok: true });
    expect(post({ origin: undefined, cookie: undefined, authorization: 'Bearer nope' })).toMatchObject({ ok: false });
  });
  it('refuses OPTIONS (no CORS at all)', () => {
    expect(guard({ method: 'OPTIONS', path: '/api/runs', headers: { host: `localhost:${PORT}`, origin: 'https://evil.example' } }, cfg)).toMatchObject({ ok: false });
  });
  it('token exchange needs the right Origin but no cookie', () => {
    expect(post({ cookie: undefined, 'x-cni-lab-csrf': undefined }, '/api/session')).toMatchObject({ ok: true, authenticated: false });
    expect(post({ cookie: undefined, origin: 'https://evil.example' }, '/api/session')).toMatchObject({ ok: false, status: 403 });
  });
});

describe('API reads', () => {
  const get = (headers: Record<string, string>, path = '/api/runs') => guard({ method: 'GET', path, headers: { host: `localhost:${PORT}`, ...headers } }, cfg);
  it('need the session cookie', () => {
    expect(get({})).toMatchObject({ ok: false, status: 401 });
    expect(get({ cookie })).toMatchObject({ ok: true });
  });
  it('health and session status are public', () => {
    expect(get({}, '/api/health')).toMatchObject({ ok: true });
    expect(get({}, '/api/session')).toMatchObject({ ok: true, authenticated: false });
  });
  it('refuse a foreign Origin even with the cookie (EventSource from another page)', () => {
    expect(get({ cookie, origin: 'https://evil.example' })).toMatchObject({ ok: false, status: 403 });
  });
});

describe('token helpers', () => {
  it('safeEqual', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abd', 'abc')).toBe(false);
    expect(safeEqual('ab', 'abc')).toBe(false);
    expect(safeEqual(undefined, 'abc')).toBe(false);
  });
  it('readCookie', () => {
    expect(readCookie('a=1; cnilab_session=xyz; b=2', 'cnilab_session')).toBe('xyz');
    expect(readCookie('a=1', 'cnilab_session')).toBeUndefined();
  });
});
