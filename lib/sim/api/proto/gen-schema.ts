// Dev tool: derives the field tables the protobuf request decoder needs from Kubernetes' generated.proto files.
// Usage: npx tsx lib/sim/api/proto/gen-schema.ts <dir with the .proto files> > lib/sim/api/proto/schema.json
// Generated from the v0.35.7 tags of k8s.io/api and k8s.io/apimachinery. Only messages reachable from ROOTS are kept (wire facts: field numbers, names, types).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOTS = [
  'k8s.io.api.core.v1.Namespace', 'k8s.io.api.core.v1.ConfigMap', 'k8s.io.api.core.v1.Secret', 'k8s.io.api.core.v1.ServiceAccount',
  'k8s.io.api.core.v1.Service', 'k8s.io.api.core.v1.Pod', 'k8s.io.api.core.v1.ResourceQuota', 'k8s.io.api.core.v1.Binding',
  'k8s.io.api.core.v1.Endpoints', 'k8s.io.api.core.v1.Event', 'k8s.io.api.core.v1.Node', 'k8s.io.api.core.v1.LimitRange',
  'k8s.io.api.core.v1.PersistentVolumeClaim', 'k8s.io.api.core.v1.PersistentVolume', 'k8s.io.api.core.v1.ReplicationController',
  'k8s.io.api.apps.v1.Deployment', 'k8s.io.api.apps.v1.DaemonSet', 'k8s.io.api.apps.v1.StatefulSet', 'k8s.io.api.apps.v1.ReplicaSet',
  'k8s.io.api.apps.v1.ControllerRevision', 'k8s.io.api.batch.v1.Job', 'k8s.io.api.batch.v1.CronJob',
  'k8s.io.api.rbac.v1.Role', 'k8s.io.api.rbac.v1.ClusterRole', 'k8s.io.api.rbac.v1.RoleBinding', 'k8s.io.api.rbac.v1.ClusterRoleBinding',
  'k8s.io.api.policy.v1.PodDisruptionBudget', 'k8s.io.api.policy.v1.Eviction', 'k8s.io.api.networking.v1.Ingress',
  'k8s.io.api.networking.v1.NetworkPolicy', 'k8s.io.api.networking.v1.IngressClass', 'k8s.io.api.scheduling.v1.PriorityClass',
  'k8s.io.api.coordination.v1.Lease', 'k8s.io.api.authentication.v1.TokenRequest', 'k8s.io.api.autoscaling.v1.Scale',
  'k8s.io.api.storage.v1.StorageClass', 'k8s.io.api.discovery.v1.EndpointSlice', 'k8s.io.api.events.v1.Event', 'k8s.io.api.node.v1.RuntimeClass',
  'k8s.io.api.authorization.v1.SelfSubjectAccessReview', 'k8s.io.api.authorization.v1.SelfSubjectRulesReview', 'k8s.io.api.authentication.v1.SelfSubjectReview',
  'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions', 'k8s.io.apimachinery.pkg.runtime.Unknown',
];

type Field = [number, string, string, number]; // number, jsonName, type, repeated
const messages = new Map<string, Field[]>();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.proto') ? [p] : [];
  });
}

const SCALARS = new Set(['string', 'int32', 'int64', 'bool', 'bytes', 'double', 'float', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64']);

for (const file of walk(process.argv[2])) {
  const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  const pkg = text.match(/^package\s+([\w.]+);/m)?.[1] ?? '';
  const re = /message\s+(\w+)\s*\{([^{}]*)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const fields: Field[] = [];
    for (const line of m[2].split(';')) {
      const f = line.trim().match(/^(optional|repeated|required)?\s*(map<\s*\w+\s*,\s*[\w.]+\s*>|[\w.]+)\s+(\w+)\s*=\s*(\d+)/);
      if (!f) continue;
      let type = f[2].replace(/\s+/g, '');
      const resolve = (t: string) => (t.startsWith('.') ? t.slice(1) : SCALARS.has(t) || t.includes('.') ? t : `${pkg}.${t}`);
      if (type.startsWith('map<')) {
        const [k, v] = type.slice(4, -1).split(',');
        type = `map<${k},${resolve(v)}>`;
      } else type = resolve(type);
      fields.push([Number(f[4]), f[3], type, f[1] === 'repeated' ? 1 : 0]);
    }
    messages.set(`${pkg}.${m[1]}`, fields);
  }
}

const keep = new Map<string, Field[]>();
const queue = [...ROOTS];
while (queue.length) {
  const name = queue.pop()!;
  if (keep.has(name)) continue;
  const fields = messages.get(name);
  if (!fields) throw new Error(`message not found: ${name}`);
  keep.set(name, fields);
  for (const [, , type] of fields) {
    const t = type.startsWith('map<') ? type.slice(4, -1).split(',')[1] : type;
    if (!SCALARS.has(t)) queue.push(t);
  }
}
const out: Record<string, Field[]> = {};
for (const k of [...keep.keys()].sort()) out[k] = keep.get(k)!;
process.stdout.write(JSON.stringify(out) + '\n');
