// The guard agrees with an independent reference model (lib/fuzz/guard-oracle.ts) on generated
// Host/Origin/cookie/token/CSRF/content-type combinations (security brief §5: "add property tests").
import { describe, expect, it } from 'vitest';
import { guardTarget, GUARD_CFG } from '@/lib/fuzz/guard-target';
import { oracle } from '@/lib/fuzz/guard-oracle';
import { assertTarget } from '@/lib/fuzz/run-target';
import { deriveSecret } from './token';
import { guard } from './guard';

describe('guard vs reference oracle', () => {
  it('agrees on every generated request and never throws', async () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 3000);
    expect(await assertTarget(guardTarget, runs)).toBe(runs);
  }, 20_000);

  it('the oracle allows the legitimate shapes (so agreement is not vacuous)', () => {
    const host = `127.0.0.1:${GUARD_CFG.port}`;
    const cookie = `cnilab_session=${deriveSecret(GUARD_CFG.token, 'cookie')}`;
    const csrf = deriveSecret(GUARD_CFG.token, 'csrf');
    const body = { 'content-type': 'application/json', 'content-length': '2' };
    expect(oracle({ method: 'GET', path: '/', headers: { host } }, GUARD_CFG)).toBe(true);
    expect(oracle({ method: 'GET', path: '/api/runs', headers: { host, cookie } }, GUARD_CFG)).toBe(true);
    expect(oracle({ method: 'POST', path: '/api/runs', headers: { host, origin: `http://${host}`, cookie, 'x-cni-lab-csrf': csrf, ...body } }, GUARD_CFG)).toBe(true);
    expect(oracle({ method: 'POST', path: '/api/runs', headers: { host, authorization: `Bearer ${GUARD_CFG.token}`, ...body } }, GUARD_CFG)).toBe(true);
    expect(oracle({ method: 'POST', path: '/api/runs', headers: { host, authorization: 'Bearer nope', cookie, ...body } }, GUARD_CFG)).toBe(false);
  });
});

describe('regressions found by the fuzz run', () => {
  const host = `127.0.0.1:${GUARD_CFG.port}`;
  const cookie = `cnilab_session=${deriveSecret(GUARD_CFG.token, 'cookie')}`;
  const body = { 'content-type': 'application/json', 'content-length': '2' };
  it('a malformed "Bearer" header next to a valid cookie does not skip the Origin and CSRF checks', () => {
    for (const authorization of ['Bearer ', 'Bearer x', `Bearer  ${GUARD_CFG.token}`]) {
      expect(guard({ method: 'POST', path: '/api/runs', headers: { host, cookie, authorization, ...body } }, GUARD_CFG)).toMatchObject({ ok: false, status: 403 });
      expect(guard({ method: 'POST', path: '/api/runs', headers: { host, origin: `http://${host}`, cookie, authorization, ...body } }, GUARD_CFG)).toMatchObject({ ok: false, status: 403 });
    }
  });
  it('a Host port with leading zeros is not our Host', () => {
    expect(guard({ method: 'GET', path: '/', headers: { host: `localhost:0${GUARD_CFG.port}` } }, GUARD_CFG)).toMatchObject({ ok: false });
  });
});
