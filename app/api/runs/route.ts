// Start a command (POST) or list recent jobs (GET, for re-attaching after a reload).
import { RunRequest, type JobSummary } from '@/lib/api/contract';
import { apiError, json, readJson, requireSession } from '@/lib/api/http';
import { runCommand } from '@/lib/lab/run';
import { getJob, listJobs } from '@/lib/runner/registry';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  const denied = requireSession(req);
  if (denied) return denied;
  const body = await readJson(req, RunRequest);
  if (!body.ok) return body.response;
  const outcome = await runCommand({ command: body.value.command, lessonId: body.value.lessonId });
  if (!outcome.ok) return apiError(outcome.status, outcome.code, outcome.message, outcome.runningJobId ? { runningJobId: outcome.runningJobId } : {});
  return json({ jobId: outcome.job.id }, 201);
}

export function GET(req: Request) {
  const denied = requireSession(req);
  if (denied) return denied;
  const jobs: JobSummary[] = listJobs().map((j) => ({
    jobId: j.id,
    raw: j.raw,
    mode: j.mode,
    state: j.state,
    startedAt: j.startedAt,
    lastSeq: getJob(j.id)?.lastSeq ?? 0,
    exitCode: j.exitCode,
  }));
  return json(jobs);
}
