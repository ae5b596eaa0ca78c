// Integration: the real kubectl binaries against the in-process simulated apiserver.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBECTL_DIR, startHarness, until, type Harness } from './testing/harness';
import { GVR, podEvent, seed } from './testing/fixtures';

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: lab
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  namespace: lab
data:
  a: "1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: lab
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: lab
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
`;

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
    additionalPrinterColumns:
    - name: Size
      type: integer
      jsonPath: .spec.size
`;

const MIN = 60_000;
const BINARIES = ['kubectl.1.27', 'kubectl.1.33'].filter((b) => existsSync(path.join(KUBECTL_DIR, b)));

function setReady(h: Harness, name: string, ready: boolean) {
  h.store.mutate(GVR.NODES, undefined, name, (n) => {
    const c = (n.status as { conditions: Array<{ type: string; status: string; reason: string }> }).conditions[0];
    c.status = ready ? 'True' : 'False';
    c.reason = ready ? 'KubeletReady' : 'KubeletNotReady';
  });
}

describe.each(BINARIES)('%s against the simulated apiserver', (bin) => {
  let h: Harness;
  let offset = 0;
  const k = (...args: string[]) => h.kubectl(bin, args);

  beforeAll(async () => {
    // Fixtures are created "15 minutes ago" so server-side ages read a stable `15m`.
    h = await startHarness({ store: { now: () => new Date(Date.now() + offset) } });
    offset = -15 * MIN;
    seed(h.store);
    offset = 0;
    writeFileSync(path.join(h.dir, 'm.yaml'), MANIFEST);
    writeFileSync(path.join(h.dir, 'crd.yaml'), CRD);
    writeFileSync(path.join(h.dir, 'cr.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: 3\n');
    writeFileSync(path.join(h.dir, 'bad-ns.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: nope\n');
  });
  afterAll(async () => h?.close());

  it('version', async () => {
    const r = await k('version');
    expect(r.code).toBe(0);
    // 1.27 prints the whole version.Info struct; later versions the short form.
    expect(r.stdout).toMatch(bin === 'kubectl.1.27' ? /^Server Version: version\.Info\{Major:"1", Minor:"31", GitVersion:"v1\.31\.0",/m : /^Server Version: v1\.31\.0$/m);
  });

  it('get nodes -o wide', async () => {
    const r = await k('get', 'nodes', '-o', 'wide');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'NAME                 STATUS     ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME',
        'test-control-plane   NotReady   control-plane   15m   v1.31.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://1.7.18',
        'test-worker          NotReady   <none>          15m   v1.31.0   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://1.7.18',
        '',
      ].join('\n'),
    );
  });

  it('get pods -A, get po (empty), get ns', async () => {
    expect((await k('get', 'pods', '-A')).stdout).toBe(
      ['NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE', 'kube-system   coredns-7db6d8ff4d-abcde   0/1     Pending   0          15m', ''].join('\n'),
    );
    const empty = await k('get', 'po');
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe('No resources found in default namespace.\n');
    expect((await k('get', 'ns')).stdout).toBe(
      ['NAME              STATUS   AGE', 'default           Active   15m', 'kube-node-lease   Active   15m', 'kube-public       Active   15m', 'kube-system       Active   15m', ''].join('\n'),
    );
  });

  it('run, describe with an events table, AlreadyExists', async () => {
    expect(await k('run', 'nginx', '--image=nginx')).toMatchObject({ code: 0, stdout: 'pod/nginx created\n' });
    const again = await k('run', 'nginx', '--image=nginx');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('Error from server (AlreadyExists): pods "nginx" already exists\n');
    const pod = h.store.get(GVR.PODS, 'default', 'nginx')!;
    const now = Date.now();
    podEvent(h.store, pod, 'Pulling', 'Pulling image "nginx"', 3, new Date(now - 2 * MIN), new Date(now - MIN));
    podEvent(h.store, pod, 'Failed', 'Error: ErrImagePull', 1, new Date(now - 90_000), new Date(now - 90_000), 'Warning');
    const d = await k('describe', 'po', 'nginx');
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/^Name:\s+nginx$/m);
    expect(d.stdout).toMatch(/^Status:\s+Pending$/m);
    expect(d.stdout).toMatch(/^QoS Class:\s+BestEffort$/m);
    expect(d.stdout).toMatch(/node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s/);
    expect(d.stdout).toMatch(/^ {2}Type\s+Reason\s+Age\s+From\s+Message$/m);
    // Ages are computed by kubectl from the wall clock; allow a second or two of drift on a busy machine.
    expect(d.stdout).toMatch(/^ {2}Normal\s+Pulling\s+6[0-2]s \(x3 over 2m(?:[12]s)?\)\s+kubelet\s+Pulling image "nginx"$/m);
    expect(d.stdout).toMatch(/^ {2}Warning\s+Failed\s+9[0-2]s\s+kubelet\s+Error: ErrImagePull$/m);
  });

  it('get events shows count and object columns', async () => {
    const r = await k('get', 'events');
    expect(r.stdout.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(r.stdout).toMatch(/^6[0-3]s\s+Normal\s+Pulling\s+pod\/nginx\s+Pulling image "nginx"$/m);
  });

  it('patch --type=merge|json|strategic', async () => {
    expect((await k('patch', 'po', 'nginx', '--type=merge', '-p', '{"metadata":{"labels":{"x":"1"}}}')).stdout).toBe('pod/nginx patched\n');
    expect((await k('patch', 'po', 'nginx', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/y","value":"2"}]')).stdout).toBe('pod/nginx patched\n');
    expect((await k('patch', 'po', 'nginx', '-p', '{"metadata":{"labels":{"z":"3"}}}')).stdout).toBe('pod/nginx patched\n');
    expect((await k('patch', 'po', 'nginx', '-p', '{"metadata":{"labels":{"z":"3"}}}')).stdout).toBe('pod/nginx patched (no change)\n');
    expect(h.store.get(GVR.PODS, 'default', 'nginx')!.metadata.labels).toEqual({ run: 'nginx', x: '1', y: '2', z: '3' });
    const bad = await k('patch', 'po', 'nginx', '--type=json', '-p', '[{"op":"remove","path":"/metadata/labels/nope"}]');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('The request is invalid: the server rejected our request due to an error in our request\n');
  });

  it('exec into an unscheduled / not yet running pod fails like a real cluster', async () => {
    const unbound = await k('exec', 'nginx', '--', 'ls');
    expect(unbound.stderr).toBe('Error from server (BadRequest): pod nginx does not have a host assigned\n');
    h.store.mutate(GVR.PODS, 'default', 'nginx', (p) => {
      (p.spec as { nodeName: string }).nodeName = 'test-worker';
      (p.status as Record<string, unknown>).containerStatuses = [{ name: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }];
    });
    const creating = await k('exec', 'nginx', '--', 'ls');
    expect(creating.stderr).toBe('error: unable to upgrade connection: container not found ("nginx")\n');
  });

  it('graceful delete waits for the kubelet (simulated) to remove the pod', async () => {
    h.store.mutate(GVR.PODS, 'default', 'nginx', (p) => void ((p.spec as { nodeName: string }).nodeName = 'test-worker'));
    const unsub = h.store.subscribe((e) => {
      if (e.gvr.resource === 'pods' && e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp) {
        setTimeout(() => h.store.delete(GVR.PODS, 'default', e.object.metadata.name!, { gracePeriodSeconds: 0 }), 300);
      }
    });
    const r = await k('delete', 'po', 'nginx');
    unsub();
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('pod "nginx" deleted\n');
    expect(h.store.get(GVR.PODS, 'default', 'nginx')).toBeUndefined();
  });

  it('apply -f twice: created, then unchanged / configured; apply --server-side', async () => {
    const f = path.join(h.dir, 'm.yaml');
    expect((await k('apply', '-f', f)).stdout).toBe('namespace/lab created\nconfigmap/cfg created\ndeployment.apps/web created\nservice/web created\n');
    expect((await k('apply', '-f', f)).stdout).toBe('namespace/lab unchanged\nconfigmap/cfg unchanged\ndeployment.apps/web unchanged\nservice/web unchanged\n');
    writeFileSync(f, MANIFEST.replace('a: "1"', 'a: "2"').replace('image: nginx:1.27', 'image: nginx:1.28'));
    expect((await k('apply', '-f', f)).stdout).toBe('namespace/lab unchanged\nconfigmap/cfg configured\ndeployment.apps/web configured\nservice/web unchanged\n');
    const dep = h.store.get({ group: 'apps', version: 'v1', resource: 'deployments' }, 'lab', 'web') as unknown as { metadata: { generation: number }; spec: { template: { spec: { containers: Array<{ image: string; ports: unknown[] }> } } } };
    expect(dep.spec.template.spec.containers[0].image).toBe('nginx:1.28');
    expect(dep.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(dep.metadata.generation).toBe(2);
    expect((await k('apply', '--server-side', '-f', f)).stdout).toBe(
      'namespace/lab serverside-applied\nconfigmap/cfg serverside-applied\ndeployment.apps/web serverside-applied\nservice/web serverside-applied\n',
    );
    const svc = await k('get', 'svc', 'web', '-n', 'lab');
    expect(svc.stdout).toMatch(/^web\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s$/m);
  });

  it('fieldValidation=Strict rejects typos like the apiserver', async () => {
    const f = path.join(h.dir, 'typo.yaml');
    writeFileSync(f, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\n  lables: {a: b}\nsepc:\n  containers:\n  - name: c\n    image: nginx\n');
    const r = await k('apply', '-f', f);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error from server (BadRequest): error when creating "${f}": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "metadata.lables", unknown field "sepc"\n`);
  });

  it('missing namespace, NotFound, unknown resource type', async () => {
    const ns = await k('apply', '-f', path.join(h.dir, 'bad-ns.yaml'));
    expect(ns.code).toBe(1);
    expect(ns.stderr).toBe(`Error from server (NotFound): error when creating "${path.join(h.dir, 'bad-ns.yaml')}": namespaces "nope" not found\n`);
    const nf = await k('get', 'po', 'x');
    expect(nf.stderr).toBe('Error from server (NotFound): pods "x" not found\n');
    const unk = await k('get', 'foos');
    expect(unk.code).toBe(1);
    expect(unk.stderr).toBe('error: the server doesn\'t have a resource type "foos"\n');
  });

  it('CRD: apply, get crd, then custom resources by plural and short name', async () => {
    expect((await k('apply', '-f', path.join(h.dir, 'crd.yaml'))).stdout).toBe('customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n');
    const crds = await k('get', 'crd');
    expect(crds.stdout).toMatch(/^NAME\s+CREATED AT\nwidgets\.example\.com\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    expect((await k('apply', '-f', path.join(h.dir, 'cr.yaml'))).stdout).toBe('widget.example.com/w1 created\n');
    expect((await k('get', 'widgets')).stdout).toMatch(/^NAME\s+SIZE\nw1\s+3\n$/);
    expect((await k('get', 'wd', 'w1', '-o', 'name')).stdout).toBe('widget.example.com/w1\n');
  });

  it('typed creates (protobuf bodies on kubectl >= 1.32): create namespace, deployment, configmap, service', async () => {
    expect((await k('create', 'namespace', 'typed')).stdout).toBe('namespace/typed created\n');
    expect((await k('create', 'deployment', 'nginx', '--image=nginx', '--replicas=2', '-n', 'typed')).stdout).toBe('deployment.apps/nginx created\n');
    expect((await k('create', 'configmap', 'c', '--from-literal=a=b', '-n', 'typed')).stdout).toBe('configmap/c created\n');
    expect((await k('create', 'service', 'clusterip', 'web', '--tcp=80:8080', '-n', 'typed')).stdout).toBe('service/web created\n');
    const dep = h.store.get({ group: 'apps', version: 'v1', resource: 'deployments' }, 'typed', 'nginx') as unknown as { spec: Record<string, any>; status: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(dep.spec.replicas).toBe(2);
    expect(dep.spec.selector).toEqual({ matchLabels: { app: 'nginx' } });
    expect(dep.spec.template.spec.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx' });
    expect(dep.spec.strategy.type).toBe('RollingUpdate');
    expect(dep.status).toEqual({});
    expect(h.store.get({ group: '', version: 'v1', resource: 'configmaps' }, 'typed', 'c')!.data).toEqual({ a: 'b' });
    const get = await k('get', 'deploy,svc', '-n', 'typed');
    expect(get.stdout).toMatch(/^deployment\.apps\/nginx\s+0\/2\s+0\s+0\s+\d+s$/m);
    expect(get.stdout).toMatch(/^service\/web\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s$/m);
    const dup = await k('create', 'namespace', 'typed');
    expect(dup.stderr).toBe('Error from server (AlreadyExists): namespaces "typed" already exists\n');
  });

  it('describe node', async () => {
    const d = await k('describe', 'node', 'test-worker');
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/^Roles:\s+<none>$/m);
    expect(d.stdout).toMatch(/^ {2}HolderIdentity:\s+test-worker$/m);
    expect(d.stdout).toMatch(/^ {2}Ready\s+False\s.*KubeletNotReady\s+container runtime network not ready/m);
    expect(d.stdout).toMatch(/^Non-terminated Pods:\s+\(0 in total\)$/m);
  });

  it('auth can-i answers yes for the kind admin', async () => {
    expect(await k('auth', 'can-i', 'delete', 'nodes')).toMatchObject({ code: 0, stdout: 'yes\n' });
    if (bin !== 'kubectl.1.27') {
      // 1.27 only knows the alpha/beta SelfSubjectReview API.
      const who = await k('auth', 'whoami');
      expect(who.stdout).toMatch(/^Username\s+kubernetes-admin\nGroups\s+\[kubeadm:cluster-admins system:authenticated\]\n$/m);
    }
  });

  it('api-resources lists built-ins and the CRD', async () => {
    const r = await k('api-resources');
    expect(r.stdout).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(r.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(r.stdout).toMatch(/^widgets\s+wd\s+example\.com\/v1\s+true\s+Widget$/m);
  });

  it('get nodes -w prints a MODIFIED row and stays open', async () => {
    const w = h.spawnKubectl(bin, ['get', 'nodes', '-w']);
    await until(() => w.stdout().includes('test-worker'));
    setReady(h, 'test-worker', true);
    await until(() => /^test-worker\s+Ready\s+<none>\s+15m\s+v1\.31\.0$/m.test(w.stdout()));
    const stillOpen = await Promise.race([w.exited.then(() => false), new Promise((r) => setTimeout(() => r(true), 300))]);
    expect(stillOpen).toBe(true);
    w.kill();
    setReady(h, 'test-worker', false);
  });

  it('wait --for=condition=Ready', async () => {
    const w = h.kubectl(bin, ['wait', '--for=condition=Ready', 'node/test-worker', '--timeout=10s']);
    setTimeout(() => setReady(h, 'test-worker', true), 700);
    const r = await w;
    expect(r.stdout).toBe('node/test-worker condition met\n');
    expect(r.code).toBe(0);
  });
});

describe('kubectl.1.33 with the WatchListClient feature gate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    seed(h.store);
  });
  afterAll(async () => h?.close());
  it('wait uses sendInitialEvents and ends on the initial-events-end bookmark', async () => {
    const w = h.kubectl('kubectl.1.33', ['wait', '--for=condition=Ready', 'node/test-worker', '--timeout=10s', '-v=6'], { env: { KUBE_FEATURE_WatchListClient: 'true' } });
    setTimeout(() => setReady(h, 'test-worker', true), 700);
    const r = await w;
    expect(r.stderr).toMatch(/sendInitialEvents=true/);
    expect(r.stdout).toBe('node/test-worker condition met\n');
  });
});

describe('the kubectl dispatcher on PATH', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    seed(h.store);
  });
  afterAll(async () => h?.close());
  it('selects a binary via /version and lists nodes and pods', async () => {
    const v = await h.kubectl('kubectl', ['version']);
    expect(v.stdout).toMatch(/^Server Version: v1\.31\.0$/m);
    const n = await h.kubectl('kubectl', ['get', 'nodes']);
    expect(n.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\ntest-control-plane\s+NotReady\s+control-plane\s+\d+s\s+v1\.31\.0\ntest-worker\s+NotReady\s+<none>\s+\d+s\s+v1\.31\.0\n$/);
    const p = await h.kubectl('kubectl', ['get', 'po', '-n', 'kube-system', '-o', 'name']);
    expect(p.stdout).toBe('pod/coredns-7db6d8ff4d-abcde\n');
  });
});
