// Which kubeconfig/context the watcher follows: missing file, empty context, a non-kind context (not
// watched), a kind context, and a rewrite noticed through the file stamp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveKubeconfigFiles, targetFromFiles } from './kubeconfig';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-kc-'));
function kubeconfig(file: string, current: string, contexts: string[]) {
  const lines = ['apiVersion: v1', 'kind: Config', 'clusters:'];
  for (const c of contexts) lines.push(`- name: ${c}`, '  cluster:', '    server: https://127.0.0.1:6443', '    insecure-skip-tls-verify: true');
  lines.push('contexts:');
  for (const c of contexts) lines.push(`- name: ${c}`, '  context:', `    cluster: ${c}`, `    user: ${c}`);
  lines.push('users:');
  for (const c of contexts) lines.push(`- name: ${c}`, '  user:', '    token: x');
  lines.push(`current-context: "${current}"`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('kubeconfig target', () => {
  it('follows KUBECONFIG (a path list) or ~/.kube/config like kubectl', () => {
    expect(liveKubeconfigFiles({ KUBECONFIG: `/a${path.delimiter}/b`, HOME: '/h' })).toEqual(['/a', '/b']);
    expect(liveKubeconfigFiles({ HOME: '/h' })).toEqual(['/h/.kube/config']);
  });

  it('reports no cluster for a missing file or an empty current-context', () => {
    const missing = targetFromFiles('live', [path.join(dir, 'nope')]);
    expect(missing).toMatchObject({ ok: false, code: 'no-cluster' });
    const f = path.join(dir, 'empty');
    kubeconfig(f, '', ['kind-test']);
    expect(targetFromFiles('sim', [f])).toMatchObject({ ok: false, code: 'no-cluster', mode: 'sim' });
  });

  it('refuses to watch a context that is not kind-*', () => {
    const f = path.join(dir, 'prod');
    kubeconfig(f, 'prod-eu', ['prod-eu', 'kind-test']);
    const t = targetFromFiles('live', [f]);
    expect(t).toMatchObject({ ok: false, code: 'not-kind', context: 'prod-eu' });
    expect(t.ok ? '' : t.reason).toContain('"prod-eu" is not a kind cluster');
  });

  it('watches the kind context and changes key when the file is rewritten', () => {
    const f = path.join(dir, 'kind');
    kubeconfig(f, 'kind-test', ['kind-test']);
    const a = targetFromFiles('live', [f]);
    expect(a).toMatchObject({ ok: true, context: 'kind-test' });
    kubeconfig(f, 'kind-test', ['kind-test', 'kind-other']);
    fs.utimesSync(f, new Date(), new Date(Date.now() + 5000));
    expect(targetFromFiles('live', [f]).key).not.toBe(a.key);
  });
});
