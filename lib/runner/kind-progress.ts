// Reads kind's step lines (stderr of `kind create cluster`) and reports them as progress.
// Non-TTY form: " • Ensuring node image (…) 🖼  ..." then " ✓ Ensuring node image (…) 🖼";
// TTY form: a braille spinner rewritten with "\r", then " \x1b[32m✓\x1b[0m …" (or red ✗).

/** kind's steps in the order create.go runs them; optional ones may be skipped. */
const STEPS = [
  { key: 'image', prefix: 'Ensuring node image' },
  { key: 'prepare', prefix: 'Preparing nodes' },
  { key: 'lb', prefix: 'Configuring the external load balancer', optional: true },
  { key: 'config', prefix: 'Writing configuration' },
  { key: 'start', prefix: 'Starting control-plane' },
  { key: 'cni', prefix: 'Installing CNI', optional: true },
  { key: 'storage', prefix: 'Installing StorageClass' },
  { key: 'cp-join', prefix: 'Joining more control-plane nodes', optional: true },
  { key: 'workers', prefix: 'Joining worker nodes', optional: true },
  { key: 'wait', prefix: 'Waiting ≤', optional: true },
] as const;
type Key = (typeof STEPS)[number]['key'];

export interface KindProgressHints {
  /** From the cluster config: kind skips "Installing CNI". Defaults to true (this lab's clusters). */
  disableDefaultCNI?: boolean;
  controlPlanes?: number;
  workers?: number;
  /** `--wait` was given. */
  wait?: boolean;
}

export interface ProgressUpdate {
  step: string;
  index: number;
  total: number;
  state: 'running' | 'done' | 'failed';
}

const SGR = /\x1b\[[0-9;]*m/g;
const LINE = /^\s*([•✓✗]|[\u2800-\u28ff]+)\s+(.*?)\s*$/u;

export class KindProgressParser {
  private readonly expected = new Set<Key>();
  private readonly reported = new Map<Key, ProgressUpdate['state']>();
  private partial = '';

  constructor(hints: KindProgressHints = {}) {
    const { disableDefaultCNI = true, controlPlanes = 1, workers = 3, wait = false } = hints;
    for (const s of STEPS) {
      const on =
        s.key === 'lb' || s.key === 'cp-join' ? controlPlanes > 1
        : s.key === 'cni' ? !disableDefaultCNI
        : s.key === 'workers' ? workers > 0
        : s.key === 'wait' ? wait
        : true;
      if (on) this.expected.add(s.key);
    }
  }

  static forArgs(args: string[], hints: KindProgressHints = {}): KindProgressParser {
    return new KindProgressParser({ wait: args.some((a) => a === '--wait' || a.startsWith('--wait=')), ...hints });
  }

  /** Feeds stderr text; returns progress changes, each step reported once per state. */
  push(text: string): ProgressUpdate[] {
    const parts = (this.partial + text).split(/\r\n|\r|\n/);
    this.partial = parts.pop() ?? '';
    // A TTY spinner frame is complete when written, before any "\r" follows it.
    const pending = /^\s*[\u2800-\u28ff]+\s.*\s$/u.test(this.partial.replace(SGR, '')) ? [this.partial] : [];
    return [...parts, ...pending].flatMap((l) => this.line(l));
  }

  private line(raw: string): ProgressUpdate[] {
    const m = LINE.exec(raw.replace(SGR, ''));
    if (!m) return [];
    const text = m[2].replace(/\s*\.\.\.$/, '').trim();
    const def = STEPS.find((s) => text.startsWith(s.prefix));
    if (!def) return [];
    const state = m[1] === '✓' ? 'done' : m[1] === '✗' ? 'failed' : 'running';
    if (this.reported.get(def.key) === state || (state === 'running' && this.reported.has(def.key))) return [];
    this.reported.set(def.key, state);
    this.learn(def.key, text);
    const order = STEPS.filter((s) => this.expected.has(s.key)).map((s) => s.key);
    return [{ step: text, index: order.indexOf(def.key) + 1, total: order.length, state }];
  }

  /** Seeing a step proves it runs and that skipped optional steps before it do not. */
  private learn(key: Key, text: string) {
    this.expected.add(key);
    const at = STEPS.findIndex((s) => s.key === key);
    for (const s of STEPS.slice(0, at)) if (!this.reported.has(s.key)) this.expected.delete(s.key);
    if (key === 'prepare') {
      const nodes = (text.match(/📦/gu) ?? []).length;
      if (nodes === 1) for (const k of ['lb', 'cp-join', 'workers'] as const) this.expected.delete(k);
    }
  }
}
