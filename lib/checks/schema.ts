// The grammar of a step check's `expect:` block: what cluster state a step leads to. Every key is
// optional, all present keys must hold (AND). Strict objects: a typo is an error naming the field.
// Pure zod, no UI or Node imports (the lesson schema and the browser both use it).
import * as z from 'zod';

const Name = z.string().min(1).max(253);
const Phase = z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

/** `key:Effect` or `key=value:Effect`, as `kubectl taint` writes it. */
const TAINT_RE = /^([A-Za-z0-9./_-]{1,253})(?:=([A-Za-z0-9._-]{0,63}))?:(NoSchedule|PreferNoSchedule|NoExecute)$/;
export const TaintText = z
  .string()
  .regex(TAINT_RE, { error: 'a taint is written key:Effect or key=value:Effect (Effect: NoSchedule, PreferNoSchedule or NoExecute)' });
/** One taint, or alternatives for versions that name it differently (master → control-plane in 1.24/1.25). */
export const TaintSpec = z.union([TaintText, z.strictObject({ anyOf: z.array(TaintText).min(2).max(4) })]);
export type TaintSpec = z.infer<typeof TaintSpec>;

/** A JavaScript regular expression, checked at load time so a broken one is a lesson error, not a runtime crash. */
const Pattern = z
  .string()
  .min(1)
  .max(300)
  .refine(
    (s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'not a valid regular expression' },
  );

/** Message text: `messageIncludes` is a plain substring; `messageMatches` is one regex or alternatives (any one may match). */
const MessageMatch = {
  messageIncludes: z.string().min(1).max(300).optional(),
  messageMatches: z.union([Pattern, z.array(Pattern).min(1).max(6)]).optional(),
};

const LABEL_PART = /^[A-Za-z0-9]([A-Za-z0-9./_-]{0,252})?$/;
/** Equality label selector `k=v,k2=v2` (what kubectl -l takes for the lessons' needs). */
export const Selector = z
  .string()
  .min(1)
  .max(500)
  .refine((s) => s.split(',').every((p) => { const [k, v, ...rest] = p.split('='); return rest.length === 0 && v !== undefined && LABEL_PART.test(k.trim()) && (v.trim() === '' || LABEL_PART.test(v.trim())); }), {
    error: 'a selector is key=value pairs separated by commas, e.g. k8s-app=kube-dns',
  });

const EventMatch = z.strictObject({
  reason: z.string().min(1).max(128),
  type: z.enum(['Normal', 'Warning']).optional(),
  ...MessageMatch,
});

const ConditionStatus = z.enum(['True', 'False', 'Unknown']);

const NodesExpect = z.strictObject({
  count: z.number().int().min(0).max(1000).optional(),
  allReady: z.literal(true, { error: 'allReady only takes true; write noneReady: true for "no node is Ready"' }).optional(),
  noneReady: z.literal(true, { error: 'noneReady only takes true; write allReady: true for "every node is Ready"' }).optional(),
  /** Every node's Ready condition has this reason (KubeletNotReady, KubeletReady). */
  readyReason: z.string().min(1).max(128).optional(),
  readyMessageIncludes: z.string().min(1).max(300).optional(),
  /** Every node carries this taint. */
  taintOnAll: TaintSpec.optional(),
  /** No node carries this taint. */
  taintOnNone: TaintSpec.optional(),
});

const NodeExpect = z.strictObject({
  name: Name,
  ready: z.boolean().optional(),
  readyReason: z.string().min(1).max(128).optional(),
  readyMessageIncludes: z.string().min(1).max(300).optional(),
  /** The exact set of taints (order does not matter); [] means no taint at all. */
  taints: z.array(TaintSpec).max(10).optional(),
  /** These taints are present (others may be too). */
  taintsInclude: z.array(TaintSpec).min(1).max(10).optional(),
  /** None of these taints is present. */
  taintsAbsent: z.array(TaintSpec).min(1).max(10).optional(),
  /** Node conditions by type, e.g. `NetworkUnavailable: 'False'`. */
  conditions: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/), ConditionStatus).optional(),
});

const PodExpect = z.strictObject({
  namespace: Name.default('default'),
  name: Name,
  /** false: the pod must not exist (e.g. the removed --generator flag created nothing). */
  exists: z.boolean().optional(),
  phase: Phase.optional(),
  /** What `kubectl get pods` prints in STATUS: ContainerCreating, CrashLoopBackOff, … */
  status: z.string().min(1).max(64).optional(),
  scheduled: z.boolean().optional(),
  nodeAssigned: z.boolean().optional(),
  hasIP: z.boolean().optional(),
  event: EventMatch.optional(),
});

const PodsExpect = z.strictObject({
  namespace: Name.default('default'),
  selector: Selector.optional(),
  phase: Phase.optional(),
  status: z.string().min(1).max(64).optional(),
  /** Exactly this many selected pods have the phase/status (or exist, without one). */
  count: z.number().int().min(0).max(10000).optional(),
  minCount: z.number().int().min(1).max(10000).optional(),
  /** At least one pod is selected and every selected pod is Running. */
  allRunning: z.literal(true).optional(),
});

const NamespacesExpect = z.strictObject({
  active: z.array(Name).min(1).max(50).optional(),
  absent: z.array(Name).min(1).max(50).optional(),
});

const ClusterExpect = z.strictObject({
  /** kind cluster name; the lab watches context kind-<name>. */
  name: z.string().regex(/^[a-z0-9.-]{1,50}$/),
  exists: z.boolean(),
});

const EventsExpect = z.strictObject({
  namespace: Name.optional(),
  reason: z.string().min(1).max(128),
  type: z.enum(['Normal', 'Warning']).optional(),
  involvedKind: z.string().min(1).max(64).optional(),
  involvedName: Name.optional(),
  ...MessageMatch,
  minCount: z.number().int().min(1).max(1000).default(1),
});

export const CheckExpect = z
  .strictObject({
    nodes: NodesExpect.optional(),
    node: NodeExpect.optional(),
    pod: PodExpect.optional(),
    pods: PodsExpect.optional(),
    namespaces: NamespacesExpect.optional(),
    context: z.string().min(1).max(253).optional(),
    cluster: ClusterExpect.optional(),
    events: EventsExpect.optional(),
  })
  .superRefine((e, ctx) => {
    if (Object.values(e).every((v) => v === undefined)) ctx.addIssue({ code: 'custom', message: 'expect needs at least one of: nodes, node, pod, pods, namespaces, context, cluster, events' });
    if (e.nodes?.allReady && e.nodes.noneReady) ctx.addIssue({ code: 'custom', path: ['nodes', 'noneReady'], message: 'allReady and noneReady contradict each other' });
    if (e.pods && e.pods.count !== undefined && e.pods.minCount !== undefined) ctx.addIssue({ code: 'custom', path: ['pods', 'minCount'], message: 'give count or minCount, not both' });
    if (e.pod?.exists === false && Object.keys(e.pod).some((k) => !['namespace', 'name', 'exists'].includes(k)))
      ctx.addIssue({ code: 'custom', path: ['pod', 'exists'], message: 'a pod that must not exist cannot have other expectations' });
    if (e.node?.taints && (e.node.taintsInclude || e.node.taintsAbsent))
      ctx.addIssue({ code: 'custom', path: ['node', 'taints'], message: 'taints is the exact set; do not combine it with taintsInclude or taintsAbsent' });
  });

export type CheckExpect = z.infer<typeof CheckExpect>;
export type NodesExpect = z.infer<typeof NodesExpect>;
export type NodeExpect = z.infer<typeof NodeExpect>;
export type PodExpect = z.infer<typeof PodExpect>;
export type PodsExpect = z.infer<typeof PodsExpect>;
export type EventsExpect = z.infer<typeof EventsExpect>;
export type EventMatch = z.infer<typeof EventMatch>;

/** A check as lessons declare it (the lesson schema embeds this). */
export const StepCheck = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be lowercase letters, digits and dashes (max 63)' }),
  title: z.strictObject({ en: z.string().min(1), ja: z.string().min(1) }),
  expect: CheckExpect,
  /** The state must hold this long before the check counts as passed (settling clusters flap). */
  holdSeconds: z.number().int().min(0).max(120).default(0),
});
export type StepCheck = z.infer<typeof StepCheck>;

/** Parses a taint text into its parts (the schema already guaranteed the shape). */
export function parseTaint(s: string): { key: string; value?: string; effect: string } {
  const m = TAINT_RE.exec(s);
  if (!m) return { key: s, effect: '' };
  return { key: m[1], value: m[2], effect: m[3] };
}

/** Parses `k=v,k2=v2`. */
export function parseSelector(s: string): Array<[string, string]> {
  return s.split(',').map((p) => {
    const [k, v] = p.split('=');
    return [k.trim(), (v ?? '').trim()];
  });
}
