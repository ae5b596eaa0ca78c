// Property tests of the command parser with generated hostile input (see lib/fuzz).
import { describe, expect, it } from 'vitest';
import { parse } from './parse';
import { parseTarget } from '@/lib/fuzz/parse-target';
import { assertTarget } from '@/lib/fuzz/run-target';
import { checkParseVerdict, kubectlFlagUses, unquotedShellSyntax } from '@/lib/fuzz/parse-oracle';

describe('parse under generated input', () => {
  it('never throws or hangs, refuses with a message, and never accepts a dangerous argv', async () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 1500);
    expect(await assertTarget(parseTarget, runs)).toBe(runs);
  }, 20_000);

  it('the oracle itself catches what it must (so the property can fail)', () => {
    const fake = (args: string[], raw = `kubectl ${args.join(' ')}`) =>
      checkParseVerdict(raw, { ok: true, pipeline: { raw, command: { program: 'kubectl', args }, filters: [], mutating: false } });
    expect(fake(['get', 'pods', '--kube_config=/x'])).toBeNull(); // not a kubectl flag name: kubectl itself refuses it
    expect(fake(['get', 'pods', '--client_key=/x'])).toMatch(/denied/);
    expect(fake(['get', 'pods', '-As', 'http://evil'])).toMatch(/denied/);
    expect(fake(['get', 'pods', '-n', '-s'])).toBeNull(); // -s is the namespace value there
    expect(fake(['apply', '-f', '../x.yaml'])).toMatch(/-f value/);
    expect(fake(['apply', '-fhttps://e/x.yaml'])).toMatch(/-f value/);
    expect(fake(['get', 'pods'], 'kubectl get pods; id')).toMatch(/shell syntax/);
    expect(fake(['get', 'po\x1bds'])).toMatch(/control byte/);
    expect(checkParseVerdict('x', { ok: false, code: 'parse', message: ' ' })).toMatch(/message/);
    expect(unquotedShellSyntax(`kubectl get pods -l 'a;b'`)).toBeNull();
    expect(unquotedShellSyntax(`kubectl get pods -l "$(id)"`)).toBe('$');
    expect(kubectlFlagUses(['logs', '-fs', 'x']).map((f) => f.name)).toEqual(['f', 's']);
  });

  it('refuses the hand-picked spellings from the brief', () => {
    for (const line of ['kubectl get pods --as_group=system:masters', 'kubectl get pods -As https://e', 'kubectl get pods --client_key=/k', 'kubectl apply -f ../../x.yaml', 'kubectl get pods -ojsonpath-file=/etc/passwd', "kubectl get pods '--server=x'", 'kubectl get pods --insecure_skip_tls_verify']) {
      expect(parse(line), line).toMatchObject({ ok: false });
    }
  });
});
