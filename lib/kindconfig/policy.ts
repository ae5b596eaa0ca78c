// The lab's own limits on kind configs, on top of kind's validation: the simulator and the live
// backend must never mount host paths, expose the API server beyond loopback, patch kubeadm or
// containerd, or create more nodes than a laptop should run.
import { parseAllDocuments, visit } from 'yaml';
import type { ClusterConfig } from './types';

export const MAX_CONFIG_BYTES = 64 * 1024;
export const MAX_NODES = 8;

export interface PolicyMessage {
  en: string;
  ja: string;
}

function loopback(addr: string): boolean {
  return addr === '127.0.0.1' || addr === '::1' || addr === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(addr);
}

/** Checks the raw text before parsing: size and YAML aliases (billion-laughs style expansion). */
export function checkConfigText(text: string): PolicyMessage[] {
  const out: PolicyMessage[] = [];
  if (Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES) {
    out.push({ en: `The config file is larger than ${MAX_CONFIG_BYTES / 1024} KiB.`, ja: `設定ファイルが ${MAX_CONFIG_BYTES / 1024} KiB を超えています。` });
    return out;
  }
  let aliases = false;
  try {
    for (const d of parseAllDocuments(text)) {
      if (!('contents' in d)) continue;
      visit(d, { Alias: () => { aliases = true; return visit.BREAK; } });
    }
  } catch {
    // Syntax errors are reported by kind's own loader.
  }
  if (aliases) out.push({ en: 'YAML aliases (*name) are not allowed in lab configs.', ja: 'このラボの設定では YAML のエイリアス (*name) は使えません。' });
  return out;
}

/** Lab policy on a parsed config. Empty list = allowed. */
export function checkLabPolicy(c: ClusterConfig): PolicyMessage[] {
  const out: PolicyMessage[] = [];
  if (c.nodes.length > MAX_NODES)
    out.push({ en: `At most ${MAX_NODES} nodes are allowed (this config has ${c.nodes.length}).`, ja: `ノードは最大 ${MAX_NODES} 台までです（この設定は ${c.nodes.length} 台）。` });
  if (!loopback(c.networking.apiServerAddress))
    out.push({ en: `apiServerAddress must be a loopback address (got ${c.networking.apiServerAddress}).`, ja: `apiServerAddress はループバックアドレスにしてください（指定: ${c.networking.apiServerAddress}）。` });
  if (c.kubeadmConfigPatches.length || c.kubeadmConfigPatchesJSON6902.length || c.nodes.some((n) => n.kubeadmConfigPatches.length || n.kubeadmConfigPatchesJSON6902.length))
    out.push({ en: 'kubeadmConfigPatches are not allowed in the lab.', ja: 'このラボでは kubeadmConfigPatches は使えません。' });
  if (c.containerdConfigPatches.length || c.containerdConfigPatchesJSON6902.length)
    out.push({ en: 'containerdConfigPatches are not allowed in the lab.', ja: 'このラボでは containerdConfigPatches は使えません。' });
  c.nodes.forEach((n, i) => {
    if (n.extraMounts.some((m) => m.hostPath !== ''))
      out.push({ en: `Node ${i}: extraMounts with a hostPath are not allowed (they expose host files).`, ja: `ノード ${i}: hostPath を使う extraMounts は使えません（ホストのファイルが見えてしまうため）。` });
    for (const pm of n.extraPortMappings)
      if (!loopback(pm.listenAddress))
        out.push({ en: `Node ${i}: extraPortMappings listenAddress must be a loopback address (got ${pm.listenAddress}).`, ja: `ノード ${i}: extraPortMappings の listenAddress はループバックアドレスにしてください（指定: ${pm.listenAddress}）。` });
  });
  return out;
}
