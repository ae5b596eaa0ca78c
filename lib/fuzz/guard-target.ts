// Fuzz target: the HTTP guard (lib/security/guard.ts) against the reference oracle.
import { guard } from '../security/guard';
import { guardCases, oracle, type GuardCase } from './guard-oracle';
import type { FuzzTarget } from './target';

export const GUARD_CFG = { port: 3217, token: 'fuzz-token-0123456789abcdefghijklmnop' };
const STATUSES = new Set([400, 401, 403, 405, 411, 413, 415, 421]);

export const guardTarget: FuzzTarget<GuardCase> = {
  name: 'security.guard',
  arbitrary: guardCases(GUARD_CFG),
  check(c) {
    let v;
    try {
      v = guard({ method: c.method, path: c.path, headers: c.headers }, GUARD_CFG);
    } catch (err) {
      return `threw ${(err as Error).message}`;
    }
    const want = oracle(c, GUARD_CFG);
    if (v.ok !== want) return `guard says ${v.ok ? 'allow' : `refuse (${v.status} ${v.reason})`}, the reference says ${want ? 'allow' : 'refuse'}`;
    if (!v.ok && (!STATUSES.has(v.status) || !v.reason)) return `refusal with status ${v.status} / reason ${JSON.stringify(v.reason)}`;
    return null;
  },
  show: (c) => JSON.stringify(c),
};
