import { describe, expect, it } from 'vitest';
import { loadKindConfig } from './load';
import { checkConfigText, checkLabPolicy, MAX_CONFIG_BYTES } from './policy';

const HEAD = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n';
const policy = (text: string) => {
  const r = loadKindConfig(text);
  if (!r.ok) throw new Error(r.error);
  return checkLabPolicy(r.config).map((m) => m.en);
};

describe('lab policy', () => {
  it('allows the article config', () => {
    expect(policy(`${HEAD}networking:\n  disableDefaultCNI: true\nnodes:\n- role: control-plane\n- role: worker\n`)).toEqual([]);
  });
  it('refuses hostPath mounts', () => {
    expect(policy(`${HEAD}nodes:\n- role: control-plane\n  extraMounts:\n  - hostPath: /etc\n    containerPath: /x\n`)).toEqual([expect.stringMatching(/hostPath/)]);
  });
  it('refuses non-loopback addresses', () => {
    expect(policy(`${HEAD}networking:\n  apiServerAddress: 0.0.0.0\n`)).toEqual([expect.stringMatching(/apiServerAddress/)]);
    expect(policy(`${HEAD}nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 8080\n`)).toEqual([expect.stringMatching(/listenAddress/)]);
    expect(policy(`${HEAD}nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 8080\n    listenAddress: 127.0.0.1\n`)).toEqual([]);
  });
  it('refuses kubeadm and containerd patches', () => {
    expect(policy(`${HEAD}kubeadmConfigPatches:\n- |\n  kind: ClusterConfiguration\n`)).toEqual([expect.stringMatching(/kubeadmConfigPatches/)]);
    expect(policy(`${HEAD}nodes:\n- role: control-plane\n  kubeadmConfigPatchesJSON6902:\n  - kind: x\n`)).toEqual([expect.stringMatching(/kubeadmConfigPatches/)]);
    expect(policy(`${HEAD}containerdConfigPatches:\n- x\n`)).toEqual([expect.stringMatching(/containerdConfigPatches/)]);
  });
  it('refuses more than 8 nodes', () => {
    expect(policy(`${HEAD}nodes:\n- role: control-plane\n${'- role: worker\n'.repeat(8)}`)).toEqual([expect.stringMatching(/At most 8 nodes/)]);
    expect(policy(`${HEAD}nodes:\n- role: control-plane\n${'- role: worker\n'.repeat(7)}`)).toEqual([]);
  });
  it('refuses big files and aliases', () => {
    expect(checkConfigText(HEAD + '#'.repeat(MAX_CONFIG_BYTES))).toHaveLength(1);
    expect(checkConfigText(`${HEAD}nodes:\n- &n {role: worker}\n- *n\n`).map((m) => m.en)).toEqual([expect.stringMatching(/aliases/)]);
    expect(checkConfigText(HEAD)).toEqual([]);
  });
});
