import 'server-only';
// Where the lab keeps its state: the simulator's clusters, learners' edited lesson files and the
// files handed to kind/kubectl in live mode. Never inside the learner's own ~/.kube.
import path from 'node:path';

export function stateDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.CNI_LAB_STATE_DIR ?? path.join(process.cwd(), '.state'));
}

/** Learners' saved edits of lesson files: <state>/edits/<lessonId>/<name>. */
export function editsDir(): string {
  return path.join(stateDir(), 'edits');
}

/** Files materialised for live commands (kind --config, kubectl -f). */
export function workDir(): string {
  return path.join(stateDir(), 'work');
}
