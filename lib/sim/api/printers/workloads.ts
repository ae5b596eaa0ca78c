// apps/batch tables: deployments, replicasets, daemonsets, statefulsets, jobs, cronjobs, controllerrevisions.
import { since, humanDuration } from '../duration';
import { formatLabelSelector, formatLabels } from '../selectors';
import { AGE_COL, NAME_COL, age, col, containersAndImages, int, type AnyObj, type Printer, arr } from './common';

const CONTAINERS = col('Containers', 'Names of each container in the template.', { priority: 1 });
const IMAGES = col('Images', 'Images referenced by each container in the template.', { priority: 1 });
const SELECTOR = col('Selector', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', { priority: 1 });

const replicas = (o: AnyObj) => (typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1);

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Ready', 'Number of the pod with ready state'),
    col('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.', { type: 'integer' }),
    col('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.', { type: 'integer' }),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(d, now) {
    const [c, i] = containersAndImages(d.spec?.template?.spec);
    const s = d.status ?? {};
    return [d.metadata?.name ?? '', `${int(s.readyReplicas)}/${replicas(d)}`, int(s.updatedReplicas), int(s.availableReplicas), age(d, now), c, i, formatLabelSelector(d.spec?.selector)];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Desired', 'Number of desired pods.', { type: 'integer' }),
    col('Current', 'Number of actual pods.', { type: 'integer' }),
    col('Ready', 'Number of ready pods.', { type: 'integer' }),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(rs, now) {
    const [c, i] = containersAndImages(rs.spec?.template?.spec);
    const s = rs.status ?? {};
    return [rs.metadata?.name ?? '', replicas(rs), int(s.replicas), int(s.readyReplicas), age(rs, now), c, i, formatLabelSelector(rs.spec?.selector)];
  },
};

export const replicationControllerPrinter: Printer = {
  columns: replicaSetPrinter.columns,
  cells(rc, now) {
    const [c, i] = containersAndImages(rc.spec?.template?.spec);
    const s = rc.status ?? {};
    return [rc.metadata?.name ?? '', replicas(rc), int(s.replicas), int(s.readyReplicas), age(rc, now), c, i, formatLabels(rc.spec?.selector)];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Desired', 'The total number of nodes that should be running the daemon pod.', { type: 'integer' }),
    col('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', { type: 'integer' }),
    col('Ready', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.', { type: 'integer' }),
    col('Up-to-date', 'The total number of nodes that are running updated daemon pod', { type: 'integer' }),
    col('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.', { type: 'integer' }),
    col('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(ds, now) {
    const [c, i] = containersAndImages(ds.spec?.template?.spec);
    const s = ds.status ?? {};
    return [
      ds.metadata?.name ?? '',
      int(s.desiredNumberScheduled),
      int(s.currentNumberScheduled),
      int(s.numberReady),
      int(s.updatedNumberScheduled),
      int(s.numberAvailable),
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(ds, now),
      c,
      i,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [NAME_COL, col('Ready', 'Number of the pod with ready state'), AGE_COL, CONTAINERS, IMAGES],
  cells(ss, now) {
    const [c, i] = containersAndImages(ss.spec?.template?.spec);
    return [ss.metadata?.name ?? '', `${int(ss.status?.readyReplicas)}/${replicas(ss)}`, age(ss, now), c, i];
  },
};

function jobStatus(job: AnyObj): string {
  const conds: AnyObj[] = arr(job.status?.conditions);
  const has = (t: string) => conds.some((c) => c?.type === t && c?.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

export const jobPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Status', 'Status of the job.'),
    col('Completions', 'The completion status of the job.'),
    col('Duration', 'Time required to complete the job.'),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    col('Selector', 'A label query over pods that should match the pod count.', { priority: 1 }),
  ],
  cells(job, now) {
    const [c, i] = containersAndImages(job.spec?.template?.spec);
    const s = job.status ?? {};
    let completions: string;
    if (typeof job.spec?.completions === 'number') completions = `${int(s.succeeded)}/${job.spec.completions}`;
    else {
      const p = typeof job.spec?.parallelism === 'number' ? job.spec.parallelism : 0;
      completions = p > 1 ? `${int(s.succeeded)}/1 of ${p}` : `${int(s.succeeded)}/1`;
    }
    let duration = '';
    if (s.startTime) {
      const end = s.completionTime ? Date.parse(s.completionTime) : now.getTime();
      duration = humanDuration(end - Date.parse(s.startTime));
    }
    return [job.metadata?.name ?? '', jobStatus(job), completions, duration, age(job, now), c, i, formatLabelSelector(job.spec?.selector)];
  },
};

export const cronJobPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col('Timezone', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'),
    col('Suspend', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.', { type: 'boolean' }),
    col('Active', 'A list of pointers to currently running jobs.', { type: 'integer' }),
    col('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
    AGE_COL,
    CONTAINERS,
    IMAGES,
    col('Selector', 'A label query over pods that should match the pod count.', { priority: 1 }),
  ],
  cells(cj, now) {
    const [c, i] = containersAndImages(cj.spec?.jobTemplate?.spec?.template?.spec);
    const last = cj.status?.lastScheduleTime ? since(cj.status.lastScheduleTime, now) : '<none>';
    return [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone || '<none>',
      cj.spec?.suspend === true,
      arr(cj.status?.active).length,
      last,
      age(cj, now),
      c,
      i,
      formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector),
    ];
  },
};

export const controllerRevisionPrinter: Printer = {
  columns: [NAME_COL, col('Controller', 'Controller of the object'), col('Revision', 'Revision indicates the revision of the state represented by Data.', { type: 'integer' }), AGE_COL],
  cells(cr, now) {
    const owner = arr(cr.metadata?.ownerReferences).find((o: AnyObj) => o?.controller);
    let controller = '<none>';
    if (owner) {
      const group = String(owner.apiVersion ?? '').includes('/') ? String(owner.apiVersion).split('/')[0] : '';
      controller = `${String(owner.kind).toLowerCase()}${group ? `.${group}` : ''}/${owner.name}`;
    }
    return [cr.metadata?.name ?? '', controller, int(cr.revision), age(cr, now)];
  },
};
