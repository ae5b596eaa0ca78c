import { describe, expect, it } from 'vitest';
import { checkCommand } from './allowlist';
import { parse } from './parse';
import type { Program } from './types';

const check = (line: string) => {
  const [program, ...args] = line.split(' ');
  return checkCommand({ program: program as Program, args });
};
const allowed = (line: string) => {
  const r = check(line);
  if (!r.ok) throw new Error(r.message);
  return r;
};
const message = (line: string) => {
  const r = check(line);
  if (r.ok) throw new Error(`allowed: ${line}`);
  return r.message;
};

describe('kind', () => {
  it.each([
    'kind create cluster --config kind-1m3w-nocni.yaml --name test',
    'kind create cluster --name=demo --image kindest/node:v1.36.1 --wait 2m',
    'kind create cluster --image=kindest/node:v1.36.1@sha256:' + 'a'.repeat(64),
    'kind delete cluster --name test',
    'kind delete cluster',
    'kind get clusters',
    'kind get nodes --name test',
    'kind get kubeconfig --name test --internal',
    'kind version',
    'kind --version',
    'kind -q get clusters'.replace('-q get clusters', 'get clusters -q'),
  ])('allows %s', (line) => expect(check(line).ok).toBe(true));

  it('marks create/delete mutating and long-running', () => {
    expect(allowed('kind create cluster')).toEqual({ ok: true, mutating: true, longRunning: true });
    expect(allowed('kind get clusters')).toEqual({ ok: true, mutating: false, longRunning: false });
  });

  it.each([
    // B1 / B2: names that are shell tricks, flags or not DNS-label-like.
    ['kind create cluster --name demo;rm', /not a valid cluster name/],
    ['kind create cluster --name $(id)', /not a valid cluster name/],
    ['kind create cluster --name a|b', /not a valid cluster name/],
    ['kind create cluster --name -h', /not a valid cluster name/],
    ['kind create cluster --name Demo', /not a valid cluster name/],
    ['kind create cluster --name -a', /not a valid cluster name/],
    ['kind create cluster --name a-', /not a valid cluster name/],
    ['kind create cluster --name a..b', /not a valid cluster name/],
    ['kind create cluster --name .', /not a valid cluster name/],
    [`kind create cluster --name ${'a'.repeat(33)}`, /not a valid cluster name/],
    ['kind create cluster --name dеmo', /not a valid cluster name/], // Cyrillic е
    ['kind create cluster --name ｄｅｍｏ', /not a valid cluster name/],
    ['kind create cluster --kubeconfig=/etc/passwd', /--kubeconfig" is not allowed/],
    ['kind create cluster --config /etc/passwd', /lesson file name/],
    ['kind create cluster --config ../x.yaml', /lesson file name/],
    ['kind create cluster --config https://evil/x.yaml', /lesson file name/],
    ['kind create cluster --image evil/node:latest', /kindest\/node image/],
    ['kind create cluster --wait forever', /duration/],
    ['kind create cluster --retain', /not allowed/],
    ['kind create cluster --name', /needs a value/],
    ['kind create cluster extra', /takes no argument/],
    ['kind delete clusters --all', /not available in the lab/],
    ['kind export logs', /not available in the lab/],
    ['kind build node-image', /not available in the lab/],
    ['kind load docker-image x', /not available in the lab/],
  ])('refuses %s', (line, re) => expect(message(line)).toMatch(re));
});

describe('kubectl', () => {
  it.each([
    'kubectl get pods -A',
    'kubectl get nodes -o wide -A',
    'kubectl -n kube-system get pods',
    'kubectl --context kind-test get pods',
    'kubectl get pods --context=kind-test',
    'kubectl describe po nginx',
    'kubectl describe nodes kind-control-plane',
    'kubectl cluster-info',
    'kubectl cluster-info --context kind-test',
    'kubectl run nginx --image=nginx --generator=run-pod/v1',
    'kubectl run nginx --image nginx --restart=Never',
    'kubectl apply -f flannel.yaml',
    'kubectl apply -f -',
    'kubectl apply -f=-',
    'kubectl delete -f cilium.yml',
    'kubectl logs -f nginx',
    'kubectl logs nginx -c app -p',
    'kubectl get pods -o jsonpath={.items[*].metadata.name}',
    'kubectl get pods -o go-template={{.kind}}',
    'kubectl get pods -v=4',
    'kubectl get pods -v 4',
    'kubectl config current-context',
    'kubectl config get-contexts',
    'kubectl config use-context kind-test',
    'kubectl config view --minify',
    'kubectl get events -w',
    'kubectl events',
    'kubectl wait --for=condition=Ready node --all --timeout=60s',
    'kubectl taint nodes test-control-plane key=value:NoSchedule',
    'kubectl cordon test-worker',
    'kubectl',
    'kubectl --help',
    'kubectl version --client',
    'kubectl run box --image=busybox --restart=Never -- ls -f /etc -s',
  ])('allows %s', (line) => expect(check(line).ok).toBe(true));

  it('classifies mutating and long-running commands', () => {
    expect(allowed('kubectl get pods -w')).toMatchObject({ mutating: false, longRunning: true });
    expect(allowed('kubectl logs -f x')).toMatchObject({ mutating: false, longRunning: true });
    expect(allowed('kubectl get pods')).toMatchObject({ mutating: false, longRunning: false });
    for (const v of ['apply -f a.yaml', 'create ns x', 'delete pod x', 'run x --image=y', 'scale deploy x --replicas=2', 'label node n a=b',
      'annotate node n a=b', 'taint node n a=b:NoSchedule', 'cordon n', 'uncordon n', 'rollout restart deploy/x']) {
      expect(allowed(`kubectl ${v}`).mutating, v).toBe(true);
    }
  });

  it.each([
    // C2: connection and identity
    ['kubectl get pods --kubeconfig=/tmp/k', /--kubeconfig is not allowed/],
    ['kubectl get pods --kubeconfig /tmp/k', /--kubeconfig is not allowed/],
    ['kubectl get pods --server=http://attacker', /--server is not allowed/],
    ['kubectl get pods -s x', /-s is not allowed/],
    ['kubectl get pods -As x', /-s is not allowed/],
    ['kubectl get pods --token=t', /--token is not allowed/],
    ['kubectl get pods --as=admin', /--as is not allowed/],
    ['kubectl get pods --as-group=system:masters', /--as-group is not allowed/],
    ['kubectl get pods --as-uid=1', /--as-uid is not allowed/],
    ['kubectl get pods --user=u', /--user is not allowed/],
    ['kubectl get pods --cluster=c', /--cluster is not allowed/],
    ['kubectl get pods --client-key=k', /--client-key is not allowed/],
    ['kubectl get pods --certificate-authority=c', /is not allowed/],
    ['kubectl get pods --username=u', /is not allowed/],
    ['kubectl get pods --password=p', /is not allowed/],
    ['kubectl get pods --context=other', /--context must name a lab cluster/],
    ['kubectl get pods --context kind-Bad', /--context must name a lab cluster/],
    ['kubectl get pods --insecure-skip-tls-verify', /is not allowed/],
    // C3: local files, verbosity
    ['kubectl get pods -o go-template-file=/etc/passwd', /-o go-template-file=… is not allowed/],
    ['kubectl get pods -o=jsonpath-file=/etc/passwd', /jsonpath-file/],
    ['kubectl get pods --output jsonpath-file=/x', /jsonpath-file/],
    ['kubectl get pods -ojsonpath-file=/x', /jsonpath-file/],
    ['kubectl get pods -o template=x', /not allowed/],
    ['kubectl get pods -o custom-columns-file=/etc/passwd', /not allowed/],
    ['kubectl get pods --template=/x', /--template is not allowed/],
    ['kubectl get pods -v=9', /-v 5 and above/],
    ['kubectl get pods --v=5', /-v 5 and above/],
    ['kubectl get pods -v9', /-v 5 and above/],
    ['kubectl get pods -v x', /log level number/],
    ['kubectl get pods --cache-dir=/tmp', /--cache-dir is not allowed/],
    ['kubectl get pods --kuberc=/tmp/k', /--kuberc is not allowed/],
    ['kubectl cluster-info dump --output-directory=/tmp/x', /--output-directory is not allowed/],
    ['kubectl create secret generic s --from-file=/etc/passwd', /--from-file is not allowed/],
    ['kubectl create configmap c --from-env-file=.env', /is not allowed/],
    ['kubectl get pods --profile-output=/tmp/p', /is not allowed/],
    ['kubectl get pods --client_key=k', /--client-key is not allowed/],
    ['kubectl create secret generic s --from_file=/etc/passwd', /--from-file is not allowed/],
    ['kubectl get pods --vmodule=*=9', /--vmodule is not allowed/],
    ['kubectl get pods -l --kubeconfig=/x', /--kubeconfig is not allowed/],
    ['kubectl get pods --selector --token=t', /--token is not allowed/],
    // C4: manifests
    ['kubectl apply -f https://evil/x.yaml', /lesson file name/],
    ['kubectl apply -f /etc/passwd', /lesson file name/],
    ['kubectl apply -f ../../x', /lesson file name/],
    ['kubectl apply -f ../../x.yaml', /lesson file name/],
    ['kubectl apply --filename=/tmp/x.yaml', /lesson file name/],
    ['kubectl apply -Rf dir', /lesson file name/],
    ['kubectl apply -k .', /-k is not allowed/],
    ['kubectl apply --kustomize=.', /--kustomize is not allowed/],
    ['kubectl apply -kubeconfig', /-k is not allowed/],
    ['kubectl apply -f', /lesson file name/],
    // C5: verbs
    ['kubectl foo', /kubectl-foo/],
    ['kubectl ctx kind-test', /kubectx plugin; use: kubectl config use-context/],
    ['kubectl exec -it nginx -- sh', /"kubectl exec" is not available/],
    ['kubectl attach nginx', /"kubectl attach" is not available/],
    ['kubectl cp a:/x /tmp/x', /"kubectl cp" is not available/],
    ['kubectl proxy', /"kubectl proxy" is not available/],
    ['kubectl port-forward svc/x 8080:80', /not available/],
    ['kubectl debug node/x', /not available/],
    ['kubectl edit pod x', /not available/],
    ['kubectl plugin list', /not available/],
    ['kubectl auth can-i --list', /not available/],
    ['kubectl certificate approve x', /not available/],
    ['kubectl run x --image=busybox -it -- sh', /interactive/],
    ['kubectl run x --image=busybox --stdin', /interactive/],
    ['kubectl run x', /needs --image/],
    ['kubectl run x --image=busybox -- --kubeconfig=/etc/passwd', /--kubeconfig is not allowed/],
    ['kubectl config view', /view --minify/],
    ['kubectl config view --minify --raw', /credentials/],
    ['kubectl config use-context other', /use-context kind-<name>/],
    ['kubectl config set-credentials x --token=y', /is not allowed/],
    ['kubectl config set-cluster x', /kubectl config current-context/],
    ['kubectl rollout', /rollout status/],
    ['kubectl --insecure-skip-tls-verify get pods', /is not allowed/],
    ['kubectl -o json get pods', /put -o after the command/],
  ])('refuses %s', (line, re) => expect(message(line)).toMatch(re));
});

describe('docker', () => {
  it.each([
    'docker ps',
    'docker ps -a --filter label=io.x-k8s.kind.cluster=test',
    'docker ps --format {{.Names}}',
    'docker ps --format=json',
    'docker version',
    'docker info',
    'docker exec test-control-plane ls /etc/cni/net.d',
    'docker exec test-worker2 ls -la /opt/cni/bin',
    'docker exec test-control-plane cat /etc/cni/net.d/10-kindnet.conflist',
    'docker exec test-control-plane cat /kind/manifests/default-cni.yaml',
    'docker exec test-worker crictl ps -a',
    'docker exec test-worker crictl pods',
    'docker exec test-worker crictl info',
    'docker exec test-control-plane ls /etc/kubernetes/manifests',
  ])('allows %s', (line) => expect(allowed(line)).toEqual({ ok: true, mutating: false, longRunning: false }));

  it.each([
    ['docker run --privileged -v /:/host alpine', /docker ps, docker version/],
    ['docker rm -f test-control-plane', /docker ps/],
    ['docker -H tcp://evil ps', /docker options/],
    ['docker ps --format {{range .Mounts}}{{.Source}}{{end}}', /--format accepts/],
    ['docker ps --filter since=x;y', /--filter accepts/],
    ['docker ps --last', /not allowed for docker ps/],
    ['docker exec -it test-control-plane bash', /docker exec options/],
    ['docker exec my-db ls /etc/cni/net.d', /not a kind node name/],
    ['docker exec test-control-plane sh -c id', /only: ls/],
    ['docker exec test-control-plane cat /etc/shadow', /only: ls/],
    ['docker exec test-control-plane cat /etc/cni/net.d/../../shadow', /only: ls/],
    ['docker exec test-control-plane ls /', /only: ls/],
    ['docker exec test-control-plane crictl rm x', /only: ls/],
    ['docker exec test-control-plane ls /etc/kubernetes', /only: ls/],
    ['docker exec test-control-plane crictl info --output json', /only: ls/],
    ['docker version --format {{.Server}}', /without options/],
  ])('refuses %s', (line, re) => expect(message(line)).toMatch(re));
});

describe('parse uses the allowlist', () => {
  it('returns the allowlist refusal as the parse verdict', () => {
    expect(parse('kubectl exec -it nginx -- sh')).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(parse('kind create cluster --name "demo; rm -rf ~"')).toMatchObject({ ok: false, code: 'bad-argument' });
  });
});
