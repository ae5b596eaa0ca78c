import 'server-only';
// Turns a command line (typed or from a lesson step) into a running job on the current backend:
// parse and allowlist → resolve lesson files → live processes or the simulated cluster.
import { mkdir } from 'node:fs/promises';
import { parse } from '../runner/parse';
import { ProcessCmder } from '../runner/process-cmder';
import { startJob } from '../runner/registry';
import type { Job } from '../runner/job';
import type { Cmder, CommandSpec } from '../runner/types';
import { checkConfigText, checkLabPolicy, parseKindConfig } from '../kindconfig';
import { fileRefs } from './files-in-args';
import { findLessonFile, materialise } from './lesson-files';
import { currentMode } from './mode';
import { workDir } from './paths';
import { instanceMarker, syncPidfile } from './pidfile';
import { simBackend } from './sim-backend';
import { kindClusterName, kindClusterVerb } from './create-target';
import { clearMarker, writeMarker } from './interrupted';

export type RunOutcome =
  | { ok: true; job: Job }
  | { ok: false; status: number; code: string; message: string; runningJobId?: string };

const refused = (code: string, message: string, status = 400): RunOutcome => ({ ok: false, status, code, message });

interface Prepared {
  spec: CommandSpec;
  kindConfigText?: string;
}

/** Replaces lesson-file names with the materialised copies and applies the lab policy to kind configs. */
async function prepareFiles(spec: CommandSpec, lessonId: string | undefined, mode: 'live' | 'sim'): Promise<Prepared | RunOutcome> {
  let kindConfigText: string | undefined;
  for (const ref of fileRefs(spec)) {
    const file = await findLessonFile(ref.name, lessonId);
    if (!file) return refused('bad-argument', `Refused: "${ref.name}" is not a lesson file. Use one of the files shown in the lesson (download or edit them there).`);
    if (spec.program === 'kind') {
      kindConfigText = file.content;
      const pre = checkConfigText(file.content);
      const parsed = pre.length ? null : parseKindConfig(file.content);
      const policy = pre.length ? pre : parsed?.ok ? checkLabPolicy(parsed.config) : [];
      if (policy.length) return refused('bad-argument', `Refused by the lab: ${policy.map((p) => p.en).join(' ')}`);
      // Fail closed on a real kind: a config our parser cannot read is a config the policy never saw.
      // (The simulator prints kind's own error for it instead.)
      if (parsed && !parsed.ok && mode === 'live') return refused('bad-argument', `Refused: ERROR: failed to create cluster: ${parsed.error}`);
    }
    // The process runs in the work dir, so the bare name (as the learner typed it) resolves there.
    await materialise(file);
  }
  return { spec, kindConfigText };
}

function liveCmder(): Cmder {
  return new ProcessCmder({ cwd: workDir() });
}

export async function runCommand(input: { command: string; lessonId?: string }): Promise<RunOutcome> {
  const parsed = parse(input.command);
  if (!parsed.ok) return refused(parsed.code, parsed.message);
  const mode = await currentMode();
  const prepared = await prepareFiles(parsed.pipeline.command, input.lessonId, mode);
  if ('ok' in prepared) return prepared;
  const pipeline = { ...parsed.pipeline, command: prepared.spec };
  await mkdir(workDir(), { recursive: true });
  const backend = mode === 'live' ? { cmder: liveCmder(), env: {} as Record<string, string> } : await simBackend();
  const isCreate = prepared.spec.program === 'kind' && prepared.spec.args[0] === 'create';
  // Without --config, kind uses its default config: one control-plane node and its default CNI.
  const kindHints = prepared.kindConfigText ? kindHintsFor(prepared.kindConfigText) : isCreate ? { disableDefaultCNI: false, controlPlanes: 1, workers: 0 } : undefined;
  const started = startJob({
    pipeline,
    cmder: backend.cmder,
    mode,
    cmdOptions: { cwd: workDir(), env: { ...backend.env, CNI_LAB_CHILD: instanceMarker() } },
    kindHints,
  });
  if (!started.ok) {
    const status = started.code === 'busy' ? 409 : started.code === 'too-many' ? 429 : 400;
    return { ok: false, status, code: started.code, message: started.message, runningJobId: 'runningJobId' in started ? started.runningJobId : undefined };
  }
  syncPidfile();
  void started.job.done.finally(syncPidfile);
  trackClusterLifecycle(started.job, mode, input.lessonId, prepared.kindConfigText);
  return { ok: true, job: started.job };
}

/** Marks a create while it runs; a marker left by a crash or a cancel is an interrupted create. */
function trackClusterLifecycle(job: Job, mode: 'live' | 'sim', lessonId: string | undefined, configText: string | undefined) {
  const spec = job.pipeline.command;
  const verb = kindClusterVerb(spec);
  if (!verb) return;
  const parsed = configText ? parseKindConfig(configText) : undefined;
  const name = kindClusterName(spec, parsed?.ok ? parsed.config.name : undefined);
  if (verb === 'create') {
    const marker = { name, mode, command: job.pipeline.raw, lessonId, startedAt: job.startedAt };
    writeMarker(marker);
    void job.done.then((r) => {
      if (r.cancelled || r.timedOut) writeMarker({ ...marker, ended: r.cancelled ? 'cancelled' : 'timed-out' });
      else clearMarker(name); // finished on its own: created, or kind reported (and cleaned up) its failure
    });
  } else {
    void job.done.then((r) => {
      if (r.exitCode === 0) clearMarker(name);
    });
  }
}

function kindHintsFor(text: string) {
  const parsed = parseKindConfig(text);
  if (!parsed.ok) return undefined;
  const roles = parsed.config.nodes.map((n) => n.role);
  return {
    disableDefaultCNI: parsed.config.networking.disableDefaultCNI,
    controlPlanes: roles.filter((r) => r === 'control-plane').length,
    workers: roles.filter((r) => r === 'worker').length,
  };
}
