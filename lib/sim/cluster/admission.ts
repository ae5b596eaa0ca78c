// Admission the cluster adds on top of the store's defaults: Priority (priorityClassName → priority),
// no token volume on mirror pods, and the pre-1.21 Secret-based service account token volume.
import { ApiError, type AdmissionHook, type Store } from '@/lib/sim/store/types';
import { R, type Any } from './gvr';
import type { EmulatedVersion } from './versions';

export function podAdmission(store: Store, version: EmulatedVersion): AdmissionHook {
  // Priority admission: resolve priorityClassName like the Priority plugin; mirror pods carry no token volume.
  return (op, gvr, obj) => {
    if (op !== 'CREATE' || gvr.resource !== 'pods' || gvr.group !== '') return;
    const p = obj as Any;
    const pcs: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };
    const pcName = p.spec?.priorityClassName;
    if (pcName) {
      const pc = store.get(R.priorityclasses, undefined, pcName) as Any;
      const value = pc?.value ?? pcs[pcName];
      if (value === undefined) throw new ApiError(403, 'Forbidden', `pods "${p.metadata?.name}" is forbidden: no PriorityClass with name ${pcName} was found`);
      p.spec.priority = value;
    }
    // Before BoundServiceAccountTokenVolume (GA 1.22, on by default since 1.21) the token came from a Secret.
    if (version.minor <= 20 && Array.isArray(p.spec?.volumes)) {
      for (const vol of p.spec.volumes) {
        const m = /^kube-api-access-([a-z0-9]{5})$/.exec(String(vol?.name));
        if (!m || !vol.projected) continue;
        const name = `default-token-${m[1]}`;
        for (const c of [...(p.spec.containers ?? []), ...(p.spec.initContainers ?? [])]) for (const mt of c.volumeMounts ?? []) if (mt.name === vol.name) mt.name = name;
        delete vol.projected;
        vol.name = name;
        vol.secret = { secretName: name, defaultMode: 420 };
      }
    }
    if (p.metadata?.annotations?.['kubernetes.io/config.mirror'] && Array.isArray(p.spec?.volumes)) {
      const tokenVols = new Set(p.spec.volumes.filter((v: Any) => String(v?.name).startsWith('kube-api-access-')).map((v: Any) => v.name));
      p.spec.volumes = p.spec.volumes.filter((v: Any) => !tokenVols.has(v.name));
      if (!p.spec.volumes.length) delete p.spec.volumes;
      for (const c of p.spec.containers ?? []) {
        c.volumeMounts = (c.volumeMounts ?? []).filter((m: Any) => !tokenVols.has(m.name));
        if (!c.volumeMounts.length) delete c.volumeMounts;
      }
    }
  };
}
