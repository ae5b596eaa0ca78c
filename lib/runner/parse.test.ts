import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from './parse';

const ok = (line: string) => {
  const r = parse(line);
  if (!r.ok) throw new Error(r.message);
  return r.pipeline;
};
const refused = (line: string) => {
  const r = parse(line);
  if (r.ok) throw new Error(`accepted: ${line}`);
  return r;
};

describe('parse', () => {
  it('builds a pipeline with filters (the article sample)', () => {
    expect(ok('kubectl get pods -A | grep Pending')).toEqual({
      raw: 'kubectl get pods -A | grep Pending',
      command: { program: 'kubectl', args: ['get', 'pods', '-A'] },
      filters: [{ name: 'grep', pattern: 'Pending', invert: false, ignoreCase: false, extended: false }],
      mutating: false,
    });
  });

  it('parses every filter form', () => {
    const f = (s: string) => ok(`kubectl get pods | ${s}`).filters;
    expect(f('grep -vi -E "a|b"')).toEqual([{ name: 'grep', pattern: 'a|b', invert: true, ignoreCase: true, extended: true }]);
    expect(f('grep -e -n')).toEqual([{ name: 'grep', pattern: '-n', invert: false, ignoreCase: false, extended: false }]);
    expect(f('grep --invert-match x')[0]).toMatchObject({ invert: true, pattern: 'x' });
    expect(f('head')).toEqual([{ name: 'head', lines: 10 }]);
    expect(f('head -n 3')).toEqual([{ name: 'head', lines: 3 }]);
    expect(f('head -n3')).toEqual([{ name: 'head', lines: 3 }]);
    expect(f('head -5')).toEqual([{ name: 'head', lines: 5 }]);
    expect(f('tail -n 2')).toEqual([{ name: 'tail', lines: 2 }]);
    expect(f('tail --lines=7')).toEqual([{ name: 'tail', lines: 7 }]);
    expect(f('wc -l')).toEqual([{ name: 'wc', lines: true }]);
    expect(f('grep Running | wc -l')).toHaveLength(2);
  });

  it('marks cluster-changing commands as mutating', () => {
    expect(ok('kind create cluster --config kind-1m3w-nocni.yaml --name test').mutating).toBe(true);
    expect(ok('kubectl run nginx --image=nginx').mutating).toBe(true);
    expect(ok('kubectl apply -f flannel.yaml').mutating).toBe(true);
    expect(ok('kubectl rollout restart deployment/x').mutating).toBe(true);
    expect(ok('kubectl rollout status deployment/x').mutating).toBe(false);
    expect(ok('kind get clusters').mutating).toBe(false);
  });

  it('lets kubectl report unknown flags itself (--generator from the article)', () => {
    expect(ok('kubectl run nginx --image=nginx --generator=run-pod/v1').command.args).toContain('--generator=run-pod/v1');
  });

  it.each([
    ['rm -rf /', /"rm" is not a lab command\. The lab runs kind, kubectl and docker only\./],
    ['sudo kubectl get pods', /"sudo" is not a lab command/],
    ['/usr/bin/kubectl get pods', /is not a lab command/],
    ['grep x', /works only after a "\|"/],
    ['kubectl get pods | sort', /"sort" is not supported after "\|"/],
    ['kubectl get pods | sh', /"sh" is not supported/],
    ['kubectl get pods || true', /"\|\|" is not supported/],
    ['kubectl get pods |', /needs a command on both sides/],
    ['| grep x', /needs a command on both sides/],
    ['kubectl get pods | grep', /needs a pattern/],
    ['kubectl get pods | grep -c x', /-v, -i or -E/],
    ['kubectl get pods | grep a b', /one pattern/],
    ['kubectl get pods | grep -E "("', /not valid: Unmatched \( or \\\(/],
    ['kubectl get pods | grep "\\(a"', /not valid: Unmatched/],
    ['kubectl get pods | grep -E "a{2,1}"', /not valid/],
    ['kubectl get pods | grep "[a"', /not valid: Unmatched \[/],
    ['kubectl get pods | grep -E "(a+)+b"', /too complex/],
    ['kubectl get pods | grep -E "((ab)*c)*"', /too complex/],
    ['kubectl get pods | grep "\\(x*\\)\\{2,\\}"', /too complex/],
    ['kubectl get pods | head -n -1', /head -n N/],
    ['kubectl get pods | head -n 99999999', /head -n N/],
    ['kubectl get pods | tail -n +2', /tail -n N/],
    ['kubectl get pods | wc', /only "wc -l"/],
    ['kubectl get pods | wc -c', /only "wc -l"/],
  ])('refuses %j', (line, message) => {
    expect(refused(line).message).toMatch(message);
  });

  it('passes tokenizer refusals and notices through', () => {
    expect(refused('kubectl get pods; cat /etc/passwd').code).toBe('parse');
    const r = parse('kubectl get pods\x1b[201~');
    expect(r.ok && r.notice).toMatch(/escape sequences were removed/);
    expect(r.ok && r.pipeline.raw).toBe('kubectl get pods'); // raw is echoed to the terminal: no ESC
  });

  it('property: never throws; every refusal has a message; accepted pipelines pass the allowlist', () => {
    const word = fc.constantFrom('kubectl', 'kind', 'docker', 'get', 'pods', '-n', '-f', '-', 'x.yaml', '--kubeconfig=/x', '-o', 'json',
      'create', 'cluster', '--name', 'demo', 'exec', 'ps', '|', 'grep', 'head', '-5', 'wc', '-l', '"a b"', "'c'", ';', '$x', '–n', '\x1b[A');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.string({ maxLength: 20 }), (ws, extra) => {
        const r = parse(`${ws.join(' ')} ${extra}`);
        if (!r.ok) return r.message.length > 0 && ['parse', 'not-allowed', 'bad-argument', 'too-long'].includes(r.code);
        const all = [r.pipeline.command.args, ...r.pipeline.filters.map((f) => ('pattern' in f ? [f.pattern] : []))].flat();
        return ['kind', 'kubectl', 'docker'].includes(r.pipeline.command.program) && !/[\x00-\x1f\x7f-\x9f]/.test(r.pipeline.raw) && all.every((a) => !/[\x00-\x1f\x7f-\x9f]/.test(a)) && !all.includes('--kubeconfig=/x');
      }),
      { numRuns: 3000 },
    );
  });
});
