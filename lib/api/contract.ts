// HTTP API contract between the browser and the server: request schemas (zod) and response types.
// No Node or React imports: route handlers and client components both use it.
import * as z from 'zod';

/** Header carrying the CSRF value returned by /api/session; required on every state-changing request. */
export const CSRF_HEADER = 'x-cni-lab-csrf';
export const SESSION_COOKIE = 'cnilab_session';

export const SessionRequest = z.strictObject({ token: z.string().min(16).max(256) });
export type SessionResponse = { authenticated: boolean; csrf?: string };

export const Mode = z.enum(['live', 'sim']);
export type Mode = z.infer<typeof Mode>;
export const ModeRequest = z.strictObject({ mode: z.enum(['live', 'sim', 'auto']) });

export interface ToolStatus {
  found: boolean;
  path?: string;
  version?: string;
  error?: string;
}
export interface DoctorReport {
  platform: 'linux' | 'darwin' | 'win32' | 'other';
  docker: { cli: ToolStatus; daemon: { running: boolean; version?: string; error?: string } };
  kind: ToolStatus;
  kubectl: ToolStatus;
  /** Mode the app uses now, and why. */
  mode: Mode;
  modeReason: 'auto-live' | 'auto-sim' | 'override';
  /** Whether live mode is possible at all (all three tools present and the daemon running). */
  liveAvailable: boolean;
  /** Per missing tool: how to install it on this platform (text + link). */
  hints: Array<{ tool: 'docker' | 'kind' | 'kubectl'; text: { en: string; ja: string }; url: string }>;
  checkedAt: number;
}

export const RunRequest = z.strictObject({
  command: z.string().min(1).max(4096),
  lessonId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  stepId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
});
export type RunResponse = { jobId: string };
export type ApiErrorBody = { error: { code: string; message: string; runningJobId?: string } };

export interface JobSummary {
  jobId: string;
  raw: string;
  mode: Mode;
  state: 'running' | 'exited';
  startedAt: number;
  lastSeq: number;
  exitCode?: number | null;
}

export const ValidateFileRequest = z.strictObject({ content: z.string().max(64 * 1024) });
export type ValidateFileResponse = { ok: true } | { ok: false; errors: string[] };

/** PUT /api/lessons/:id/files/:name saves the learner's edited copy (validated first). */
export const SaveFileRequest = ValidateFileRequest;
