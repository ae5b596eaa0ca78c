import { describe, expect, it } from 'vitest';
import type { CheckResult } from './evaluate';
import { HoldTracker, StepChecksTracker } from './hold';

const pass: CheckResult = { status: 'pass', details: [] };
const fail: CheckResult = { status: 'fail', details: [{ subject: 'node a', field: 'Ready', expected: 'True', seen: 'False' }] };
const unknown: CheckResult = { status: 'unknown', details: [] };

describe('HoldTracker (fake clock)', () => {
  it('passes at once without a hold', () => {
    const t = new HoldTracker(0);
    expect(t.verdict(0)).toEqual({ state: 'pending' });
    expect(t.update(pass, 1000)).toEqual({ state: 'pass', result: pass, since: 1000 });
  });

  it('holds for holdSeconds, counting down, then passes without a new evaluation', () => {
    const t = new HoldTracker(3);
    expect(t.update(pass, 10_000)).toMatchObject({ state: 'holding', since: 10_000, remainingMs: 3000 });
    expect(t.update(pass, 11_500)).toMatchObject({ state: 'holding', since: 10_000, remainingMs: 1500 });
    expect(t.nextChangeIn(11_500)).toBe(1500);
    expect(t.verdict(12_999)).toMatchObject({ state: 'holding', remainingMs: 1 });
    expect(t.verdict(13_000)).toMatchObject({ state: 'pass', since: 10_000 });
    expect(t.nextChangeIn(13_000)).toBeNull();
  });

  it('a failure during the hold resets it; the next pass starts a new hold', () => {
    const t = new HoldTracker(5);
    t.update(pass, 0);
    expect(t.update(fail, 4000)).toEqual({ state: 'fail', result: fail });
    expect(t.verdict(6000).state).toBe('fail');
    expect(t.update(pass, 7000)).toMatchObject({ state: 'holding', since: 7000, remainingMs: 5000 });
    expect(t.verdict(12_000).state).toBe('pass');
  });

  it('a pass that fails again goes back to fail; unknown also breaks the hold', () => {
    const t = new HoldTracker(1);
    t.update(pass, 0);
    expect(t.verdict(1000).state).toBe('pass');
    expect(t.update(fail, 2000).state).toBe('fail');
    t.update(pass, 3000);
    expect(t.update(unknown, 3500)).toEqual({ state: 'unknown', result: unknown });
    expect(t.update(pass, 3600)).toMatchObject({ state: 'holding', since: 3600 });
  });
});

describe('StepChecksTracker', () => {
  it('tracks each check of a step with its own hold, and reports the soonest hold end', () => {
    const s = new StepChecksTracker([
      { id: 'a', holdSeconds: 0 },
      { id: 'b', holdSeconds: 5 },
      { id: 'c', holdSeconds: 2 },
    ]);
    expect(s.verdicts(0)).toEqual({ a: { state: 'pending' }, b: { state: 'pending' }, c: { state: 'pending' } });
    const v = s.update({ a: pass, b: pass, c: pass }, 1000);
    expect([v.a.state, v.b.state, v.c.state]).toEqual(['pass', 'holding', 'holding']);
    expect(s.nextChangeIn(1000)).toBe(2000);
    expect(s.update({ a: fail }, 2000).a.state).toBe('fail');
    expect(s.verdicts(3000).c.state).toBe('pass');
    expect(s.nextChangeIn(3000)).toBe(3000);
  });
});
