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
  // parseKindConfig resolved every alias by walking the document again: a 1 KiB config with nested
  // aliases took ~0.2 s and an 8 KiB one ~100 s. Like kind (yaml.v3: "document contains excessive
  // aliasing"), the decoder now counts aliases before resolving any.
  it('parseKindConfig alone refuses an alias-expansion document', () => {
    const n = 150;
    const text = `${HEAD}nodes: [&n {role: worker, extraMounts: [&m {hostPath: /a, containerPath: /b}${', *m'.repeat(n)}]}${', *n'.repeat(n)}]\n`;
    expect(parseKindConfig(text)).toEqual({ ok: false, error: 'could not determine kind / apiVersion for config: yaml: document contains excessive aliasing' });
  });

  // 30,000 nested [ ] near the 64 KiB cap were parsed in full; a byte scan now stops them first.
  it('a ~60 KiB config of 30,000 nested [ ] is refused before parsing', () => {
    const text = `${HEAD}nodes: ${'['.repeat(30_000)}${']'.repeat(30_000)}\n`;
    const r = parseKindConfig(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('exceeded max depth');
    expect(kindVerdict(text)).toBeDefined();
  });
});
