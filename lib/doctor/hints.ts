// Install hints for missing tools, per OS. Project wording; links to the official install pages.
import type { DoctorReport } from '../api/contract';

type Tool = 'docker' | 'kind' | 'kubectl';
type Platform = DoctorReport['platform'];
type Hint = DoctorReport['hints'][number];

const KIND_VERSION = 'v0.32.0';

export function installHint(tool: Tool, platform: Platform, daemonOnly = false): Hint {
  if (tool === 'docker' && daemonOnly) {
    return {
      tool,
      url: 'https://docs.docker.com/engine/daemon/start/',
      text:
        platform === 'linux'
          ? { en: 'The Docker CLI is installed but the daemon is not answering. Start it (e.g. `sudo systemctl start docker`) and make sure your user may use it.', ja: 'Docker CLI はありますが、デーモンが応答しません。`sudo systemctl start docker` などで起動し、自分のユーザーから使えることを確認してください。' }
          : { en: 'The Docker CLI is installed but the engine is not running. Start Docker Desktop and wait until it says it is running.', ja: 'Docker CLI はありますが、エンジンが動いていません。Docker Desktop を起動し、実行中になるまで待ってください。' },
    };
  }
  switch (tool) {
    case 'docker':
      return platform === 'linux'
        ? { tool, url: 'https://docs.docker.com/engine/install/', text: { en: 'Install Docker Engine for your distribution (or Podman with KIND_EXPERIMENTAL_PROVIDER=podman).', ja: 'お使いのディストリビューション向けに Docker Engine をインストールしてください（Podman を使う場合は KIND_EXPERIMENTAL_PROVIDER=podman）。' } }
        : { tool, url: 'https://docs.docker.com/desktop/', text: { en: 'Install Docker Desktop and start it.', ja: 'Docker Desktop をインストールして起動してください。' } };
    case 'kind': {
      const how: Record<Platform, { en: string; ja: string }> = {
        darwin: { en: `brew install kind (or download the ${KIND_VERSION} binary from the release page).`, ja: `brew install kind（またはリリースページから ${KIND_VERSION} のバイナリを取得）。` },
        win32: { en: `choco install kind, or winget install Kubernetes.kind (or the ${KIND_VERSION} binary).`, ja: `choco install kind または winget install Kubernetes.kind（または ${KIND_VERSION} のバイナリ）。` },
        linux: { en: `Download the ${KIND_VERSION} binary for your architecture onto your PATH, or run go install sigs.k8s.io/kind@${KIND_VERSION}.`, ja: `${KIND_VERSION} のバイナリを PATH の通った場所に置くか、go install sigs.k8s.io/kind@${KIND_VERSION} を実行してください。` },
        other: { en: `See the kind quick start for ${KIND_VERSION}.`, ja: `kind のクイックスタート（${KIND_VERSION}）を参照してください。` },
      };
      return { tool, url: 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation', text: how[platform] };
    }
    case 'kubectl': {
      const how: Record<Platform, { en: string; ja: string }> = {
        darwin: { en: 'brew install kubectl', ja: 'brew install kubectl' },
        win32: { en: 'winget install Kubernetes.kubectl (or choco install kubernetes-cli).', ja: 'winget install Kubernetes.kubectl（または choco install kubernetes-cli）。' },
        linux: { en: 'Download kubectl for your architecture (within one minor version of the cluster) and put it on your PATH.', ja: 'アーキテクチャに合った kubectl（クラスタとのマイナーバージョン差が 1 以内）を取得し、PATH に置いてください。' },
        other: { en: 'See the kubectl install guide.', ja: 'kubectl のインストールガイドを参照してください。' },
      };
      return { tool, url: 'https://kubernetes.io/docs/tasks/tools/', text: how[platform] };
    }
  }
}
