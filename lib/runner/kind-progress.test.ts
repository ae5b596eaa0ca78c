import { describe, expect, it } from 'vitest';
import { KindProgressParser } from './kind-progress';

const STEPS_NOCNI = [
  'Ensuring node image (kindest/node:v1.36.1) 🖼',
  'Preparing nodes 📦 📦 📦 📦',
  'Writing configuration 📜',
  'Starting control-plane 🕹️',
  'Installing StorageClass 💾',
  'Joining worker nodes 🚜',
];
// kind without a TTY: " • step  ...\n" when a step starts, " ✓ step\n" when it ends.
const plain = (steps: string[]) => `Creating cluster "test" ...\n${steps.map((s) => ` • ${s}  ...\n ✓ ${s}\n`).join('')}Set kubectl context to "kind-test"\n`;

describe('KindProgressParser', () => {
  it('reads the non-TTY form of a no-CNI 4-node create (6 steps)', () => {
    const p = new KindProgressParser();
    const ups = p.push(plain(STEPS_NOCNI));
    expect(ups).toHaveLength(12);
    expect(ups[0]).toEqual({ step: STEPS_NOCNI[0], index: 1, total: 6, state: 'running' });
    expect(ups[1]).toEqual({ step: STEPS_NOCNI[0], index: 1, total: 6, state: 'done' });
    expect(ups.at(-1)).toEqual({ step: 'Joining worker nodes 🚜', index: 6, total: 6, state: 'done' });
    expect(ups.every((u) => u.total === 6)).toBe(true);
  });

  it('adjusts the total when the default CNI is installed', () => {
    const steps = [...STEPS_NOCNI.slice(0, 4), 'Installing CNI 🔌', ...STEPS_NOCNI.slice(4)];
    const ups = new KindProgressParser().push(plain(steps)).filter((u) => u.state === 'done');
    expect(ups.map((u) => [u.index, u.total])).toEqual([[1, 6], [2, 6], [3, 6], [4, 6], [5, 7], [6, 7], [7, 7]]);
  });

  it('drops the worker step for a one-node cluster and handles chunks split mid-line', () => {
    const text = plain(['Ensuring node image (kindest/node:v1.36.1) 🖼', 'Preparing nodes 📦', 'Writing configuration 📜', 'Starting control-plane 🕹️', 'Installing StorageClass 💾']);
    const p = new KindProgressParser({ disableDefaultCNI: true });
    const ups = [...text].flatMap((c) => p.push(c));
    expect(ups.filter((u) => u.state === 'done').map((u) => `${u.index}/${u.total}`)).toEqual(['1/6', '2/5', '3/5', '4/5', '5/5']);
  });

  it('reads the TTY form: spinner frames rewritten with \\r, then a green ✓ or red ✗', () => {
    const p = KindProgressParser.forArgs(['create', 'cluster', '--wait', '1m']);
    const tty =
      ' ⠈⠁ Ensuring node image (kindest/node:v1.36.1) 🖼 \r ⠈⠑ Ensuring node image (kindest/node:v1.36.1) 🖼 \r' +
      ' \x1b[32m✓\x1b[0m Ensuring node image (kindest/node:v1.36.1) 🖼\n';
    expect(p.push(tty)).toEqual([
      { step: 'Ensuring node image (kindest/node:v1.36.1) 🖼', index: 1, total: 7, state: 'running' },
      { step: 'Ensuring node image (kindest/node:v1.36.1) 🖼', index: 1, total: 7, state: 'done' },
    ]);
    // A spinner frame still waiting for its "\r" already counts as running.
    expect(p.push(' ⢎⡰ Preparing nodes 📦 📦 ')).toEqual([{ step: 'Preparing nodes 📦 📦', index: 2, total: 7, state: 'running' }]);
    p.push('\r \x1b[32m✓\x1b[0m Preparing nodes 📦 📦\n');
    for (const step of ['Writing configuration 📜', 'Starting control-plane 🕹️', 'Installing StorageClass 💾', 'Joining worker nodes 🚜']) {
      p.push(` \x1b[32m✓\x1b[0m ${step}\n`);
    }
    const waiting = p.push(' \x1b[31m✗\x1b[0m Waiting ≤ 1m0s for control-plane = Ready ⏳\n • WARNING: Timed out waiting for Ready ⚠️\n');
    expect(waiting).toEqual([{ step: 'Waiting ≤ 1m0s for control-plane = Ready ⏳', index: 7, total: 7, state: 'failed' }]);
  });

  it('ignores unrelated lines', () => {
    expect(new KindProgressParser().push('ERROR: failed to create cluster: node(s) already exist for a cluster with the name "test"\n • WARNING: x\n')).toEqual([]);
  });
});
