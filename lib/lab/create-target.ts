// Which cluster a `kind create|delete cluster` command is about, by kind's own precedence:
// --name, then KIND_CLUSTER_NAME (the lab never sets it), then the config's `name:`, then "kind". Pure.
import type { CommandSpec } from '../runner/types';

export function kindClusterVerb(spec: CommandSpec): 'create' | 'delete' | null {
  if (spec.program !== 'kind' || spec.args[1] !== 'cluster') return null;
  return spec.args[0] === 'create' ? 'create' : spec.args[0] === 'delete' ? 'delete' : null;
}

export function kindClusterName(spec: CommandSpec, configName?: string): string {
  const a = spec.args;
  for (let i = 0; i < a.length; i++) {
    if ((a[i] === '--name' || a[i] === '-n') && a[i + 1]) return a[i + 1];
    if (a[i].startsWith('--name=')) return a[i].slice(7);
  }
  return configName || 'kind';
}
