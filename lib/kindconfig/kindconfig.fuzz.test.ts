// Property tests of the kind-config checks with generated YAML (lib/fuzz/arb-yaml.ts).
import { describe, expect, it } from 'vitest';
import { exposure, kindConfigTarget, kindVerdict } from '@/lib/fuzz/kindconfig-target';
import { assertTarget } from '@/lib/fuzz/run-target';
import { parseKindConfig } from './index';

const HEAD = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n';

describe('kind config checks under generated YAML', () => {
  it('never throw, answer within 100 ms, reject with a message, and never accept host mounts or non-loopback listeners', async () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 400);
    expect(await assertTarget(kindConfigTarget, runs)).toBe(runs);
  }, 30_000);

  it('the exposure oracle sees what it must (so the property can fail)', () => {
    expect(exposure(`${HEAD}nodes:\n- role: control-plane\n  extraMounts: [{hostPath: /}]\n`)).toMatch(/hostPath/);
    expect(exposure(`${HEAD}nodes:\n- role: control-plane\n  extraPortMappings: [{containerPort: 80, hostPort: 80}]\n`)).toMatch(/listenAddress/);
    expect(exposure(`${HEAD}networking: {apiServerAddress: 0.0.0.0}\n`)).toMatch(/apiServerAddress/);
    expect(exposure(`${HEAD}nodes:\n- role: control-plane\n`)).toBeNull();
    expect(kindVerdict(`${HEAD}nodes:\n- role: control-plane\n- role: worker\n`)).toEqual({ ok: true });
  });
});

describe('found by the fuzz run', () => {
  // parseKindConfig resolves every alias by walking the document again, so a 1 KiB config with
  // nested aliases takes ~0.2 s and an 8 KiB one ~100 s. Every caller today runs checkConfigText
  // first (which refuses aliases), so the lab is not exposed; parseKindConfig alone is. kind itself
  // (yaml.v3) stops with "yaml: document contains excessive aliasing". Fails until decode.ts bounds it.
  it('parseKindConfig alone answers an alias-expansion document within 100 ms', () => {
    const n = 150;
    const text = `${HEAD}nodes: [&n {role: worker, extraMounts: [&m {hostPath: /a, containerPath: /b}${', *m'.repeat(n)}]}${', *n'.repeat(n)}]\n`;
    const t0 = performance.now();
    const r = parseKindConfig(text);
    expect(r.ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  // Large but legal YAML near the 64 KiB cap is parsed twice in full (checkConfigText, then the
  // decoder) at 60-130 ms per parse on this machine: not a hang, but over the 100 ms budget.
  // A cheap pre-check in checkConfigText (nesting depth, number of documents: the brief says ≤ 20)
  // or one shared parse would bring it back under.
  // (3,000 one-line documents, ~55 KiB, measured 110-130 ms: same cause, too close to call in a test.)
  it.each([['30,000 nested [ ]', `${HEAD}nodes: ${'['.repeat(30_000)}${']'.repeat(30_000)}\n`]])('a ~60 KiB config of %s is answered within 100 ms', (_name, text) => {
    const t0 = performance.now();
    kindVerdict(text);
    expect(performance.now() - t0).toBeLessThan(100);
  });
});
