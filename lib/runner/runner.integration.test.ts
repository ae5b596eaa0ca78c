// End to end through the runner with the real kubectl: parse → startJob → SSE bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from './parse';
import { resetRegistryForTests, startJob } from './registry';
import { ProcessCmder } from './process-cmder';
import { jobEventStream } from './stream';

afterEach(() => resetRegistryForTests());

async function runLine(line: string, env?: Record<string, string>) {
  const parsed = parse(line);
  if (!parsed.ok) throw new Error(parsed.message);
  const started = startJob({ pipeline: parsed.pipeline, cmder: new ProcessCmder({ cwd: os.tmpdir() }), mode: 'live', cmdOptions: { env } });
  if (!started.ok) throw new Error(started.message);
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of jobEventStream(started.job, 0) as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
  const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({ type: m[1], data: JSON.parse(m[2]) }));
  return { events, out: events.filter((e) => e.type === 'out').map((e) => e.data).join(''), err: events.filter((e) => e.type === 'err').map((e) => e.data).join(''), exit: events.at(-1)!.data };
}

describe('runner with the real kubectl', () => {
  it('kubectl version --client | grep Client', async () => {
    const r = await runLine('kubectl version --client | grep Client');
    expect(r.out).toMatch(/^Client Version: v1\.\d+\.\d+\S*\n$/);
    expect(r.events[0].type).toBe('start');
    expect(r.exit).toMatchObject({ exitCode: 0, timedOut: false });
  });

  it('surfaces kubectl\'s own error when the cluster is not reachable', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cni-lab-kc-'));
    const kubeconfig = path.join(dir, 'config');
    writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: kind-test',
      'clusters: [{name: kind-test, cluster: {server: "https://127.0.0.1:1"}}]',
      'contexts: [{name: kind-test, context: {cluster: kind-test, user: kind-test}}]',
      'users: [{name: kind-test, user: {token: not-a-real-token}}]', '',
    ].join('\n'));
    const r = await runLine('kubectl get nodes --context kind-test --request-timeout=5s', { KUBECONFIG: kubeconfig });
    expect(r.err).toMatch(/connection refused/);
    expect(r.exit.exitCode).toBe(1);
  });

  it('kubectl reports the article\'s removed --generator flag itself', async () => {
    const r = await runLine('kubectl run nginx --image=nginx --generator=run-pod/v1');
    expect(r.err).toMatch(/unknown flag: --generator/);
    expect(r.exit.exitCode).toBe(1);
  });
});
