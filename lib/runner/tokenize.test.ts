import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stripControls, tokenize, type Token } from './tokenize';

const words = (line: string) => {
  const r = tokenize(line);
  if (!r.ok) throw new Error(r.message);
  return r.tokens.map((t: Token) => (t.kind === 'pipe' ? '|' : t.value));
};
const refusal = (line: string) => {
  const r = tokenize(line);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(r.tokens)}`);
  return r;
};

describe('tokenize', () => {
  it('splits words and honours single and double quotes', () => {
    expect(words('kubectl  get pods -n kube-system')).toEqual(['kubectl', 'get', 'pods', '-n', 'kube-system']);
    expect(words(`kubectl get pods -o jsonpath='{.items[*].metadata.name}'`)).toEqual(['kubectl', 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']);
    expect(words('grep "a b"c')).toEqual(['grep', 'a bc']);
    expect(words(`grep 'it''s'`)).toEqual(['grep', 'its']);
    expect(words(`grep "say \\"hi\\" \\\\ \\n"`)).toEqual(['grep', 'say "hi" \\ \\n']);
    expect(words('grep ""')).toEqual(['grep', '']);
    expect(words('a=b~c#d')).toEqual(['a=b~c#d']);
  });

  it('turns an unquoted | into a pipe token and keeps a quoted one', () => {
    expect(words('kubectl get pods -A|grep Pending')).toEqual(['kubectl', 'get', 'pods', '-A', '|', 'grep', 'Pending']);
    expect(words(`grep -E 'a|b'`)).toEqual(['grep', '-E', 'a|b']);
  });

  it.each([
    ['kubectl get pods; cat /etc/passwd', /";"/],
    ['kubectl get pods && id', /"&"/],
    ['kubectl get pods > f', /redirection/],
    ['kubectl get pods < f', /redirection/],
    ['kind create cluster --name $(id)', /"\$"/],
    ['kind create cluster --name `id`', /backquotes/],
    ['kubectl get pods "$HOME"', /single quotes/],
    ['kubectl get pods "`id`"', /single quotes/],
    ['kubectl get (pods)', /"\("/],
    ['kubectl get {pods}', /"\{"/],
    ['kubectl get pods\\ x', /backslash/],
    ['kubectl get pods *', /wildcards/],
    ['kubectl get ~/x', /"~"/],
    ['kubectl get pods # all', /comments/],
    ['$ kubectl get pods', /leading "\$" prompt/],
    ['kubectl get pods "open', /not closed/],
    ["kubectl get pods 'open", /not closed/],
  ])('refuses %j', (line, message) => {
    const r = refusal(line);
    expect(r.code).toBe('parse');
    expect(r.message).toMatch(message);
  });

  it('refuses newline and NUL (B1), keeping one trailing line ending', () => {
    expect(refusal('kind create cluster --name a\nb').message).toMatch(/line break/);
    expect(refusal('kind create cluster --name a\0b').message).toMatch(/NUL/);
    expect(refusal('kubectl get pods\r\nrm -rf ~').message).toMatch(/line break/);
    expect(words('kubectl get pods\n')).toEqual(['kubectl', 'get', 'pods']);
  });

  it('refuses look-alike dashes and typographic quotes with a hint (C6)', () => {
    expect(refusal('kubectl get pods –n default').message).toMatch(/use ASCII -/);
    expect(refusal('kubectl get pods —all-namespaces').message).toMatch(/use ASCII -/);
    expect(refusal('kubectl get pods －n x').message).toMatch(/use ASCII -/);
    expect(refusal('grep “Pending”').message).toMatch(/ASCII quotes/);
  });

  it('refuses bidi and invisible characters', () => {
    expect(refusal('kubectl get pods \u202edemo').message).toMatch(/invisible/);
    expect(refusal('kubectl get po\u200bds').message).toMatch(/invisible/);
  });

  it('caps line length and word count (C6)', () => {
    expect(refusal(`kubectl get pods ${'a'.repeat(5 * 1024)}`).code).toBe('too-long');
    expect(refusal(`kubectl get ${'x '.repeat(100)}`).code).toBe('too-long');
    expect(words(`kubectl ${'x '.repeat(63)}`)).toHaveLength(64);
    expect(refusal('   ').message).toMatch(/Type a command/);
  });

  it('strips escape sequences and C0 controls and says so (C7)', () => {
    const r = tokenize('kubectl\x1b[?1;2c get \x1b[200~pods\x1b[201~ -A\x07\x01');
    expect(r).toEqual({
      ok: true,
      tokens: ['kubectl', 'get', 'pods', '-A'].map((value) => ({ kind: 'word', value })),
      text: 'kubectl get pods -A',
      notice: 'Terminal escape sequences were removed from the input.',
    });
    expect(stripControls('a\x1b]52;c;Y3VybCBldmls\x07b\x9b31mc\x7f\td')).toEqual({ text: 'abc d', hadEscapes: true, hadControls: true });
    const plain = tokenize('kubectl\x01 get\x02 pods');
    expect(plain.ok && plain.notice).toBeFalsy();
    // F7: a bracketed paste with a newline inside is still one refused line.
    expect(refusal('echo hi\x1b[201~\nrm -rf ~\n').message).toMatch(/line break/);
  });

  it('property: never throws, tokens carry no control characters, refusals carry a message', () => {
    const alphabet = fc.constantFrom(...'ab -|\'"\\$`;&<>(){}*?~#\n\r\t\0\x1b\x07\x9b[]=.–—“é😀\u202e'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: alphabet, maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })), (s) => {
        const r = tokenize(s);
        if (!r.ok) return typeof r.message === 'string' && r.message.length > 0;
        return r.tokens.every((t) => t.kind === 'pipe' || !/[\x00-\x1f\x7f-\x9f]/.test(t.value));
      }),
      { numRuns: 3000 },
    );
  });
});
