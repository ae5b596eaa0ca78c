// containerd's view of /etc/cni/net.d + /opt/cni/bin (go-cni / libcni semantics): the first loadable
// config file in lexical order is the network; readiness needs only a loadable config, while
// sandbox setup additionally needs every plugin binary of the chain (and delegates).

export interface NodeFiles {
  /** absolute path → content */
  files: Record<string, string>;
}

export interface CniNetwork {
  file: string;
  name: string;
  /** plugin types in chain order */
  plugins: Array<{ type: string; delegateType?: string }>;
}

const NET_D = '/etc/cni/net.d/';
const BIN = '/opt/cni/bin/';

export function listDir(fs: NodeFiles, dir: string): string[] {
  const d = dir.endsWith('/') ? dir : `${dir}/`;
  const names = new Set<string>();
  for (const p of Object.keys(fs.files)) {
    if (!p.startsWith(d)) continue;
    const rest = p.slice(d.length);
    if (rest) names.add(rest.split('/')[0]);
  }
  return [...names].sort();
}

/** libcni ConfFiles(dir, [.conf .conflist .json]) sorted, first that parses wins. */
export function loadNetwork(fs: NodeFiles): CniNetwork | undefined {
  const files = listDir(fs, NET_D).filter((n) => /\.(conf|conflist|json)$/.test(n));
  for (const f of files) {
    const path = NET_D + f;
    try {
      const raw = JSON.parse(fs.files[path]) as Record<string, unknown>;
      if (f.endsWith('.conflist')) {
        const plugins = Array.isArray(raw.plugins) ? (raw.plugins as Array<Record<string, unknown>>) : [];
        if (!plugins.length || typeof raw.name !== 'string') continue;
        return { file: path, name: raw.name, plugins: plugins.map(pluginOf) };
      }
      if (typeof raw.type !== 'string') continue;
      return { file: path, name: String(raw.name ?? ''), plugins: [pluginOf(raw)] };
    } catch {
      continue;
    }
  }
  return undefined;
}

function pluginOf(p: Record<string, unknown>): { type: string; delegateType?: string } {
  const type = String(p.type ?? '');
  // flannel delegates to "bridge" unless its delegate says otherwise.
  if (type === 'flannel') {
    const d = (p.delegate ?? {}) as Record<string, unknown>;
    return { type, delegateType: typeof d.type === 'string' ? d.type : 'bridge' };
  }
  return { type };
}

export function hasBinary(fs: NodeFiles, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(fs.files, BIN + name);
}

/** First missing binary when setting up a sandbox, or undefined if the chain can run. */
export function missingPlugin(fs: NodeFiles, net: CniNetwork): { chainType: string; missing: string; delegated: boolean } | undefined {
  for (const p of net.plugins) {
    if (!hasBinary(fs, p.type)) return { chainType: p.type, missing: p.type, delegated: false };
    if (p.delegateType && !hasBinary(fs, p.delegateType)) return { chainType: p.type, missing: p.delegateType, delegated: true };
  }
  return undefined;
}

export const CNI_BIN_DIR = BIN;
export const CNI_CONF_DIR = NET_D;
