// One terminal's job logic, framework-free: start a command, follow its event stream, cancel it, and
// resume after a reload. It keeps the terminal's transcript; a view (the xterm component) attaches to
// render it and every later write. React subscribes with useSyncExternalStore.
import type { JobSummary, RunResponse } from '@/lib/api/contract';
import type { MessageKey } from '@/lib/i18n/messages';
import type { ClientJobEvent, ProgressData } from './job-events';
import { openJobStream, type JobStreamHandle, type StreamHandlers, type StreamStatus } from './job-stream';
import { exitFailed, exitStatus, statusLine } from './status-line';
import { capWrites, loadTerminal, saveTerminal, type FollowedJob, type TermWrite, type Tone } from './transcript';

export interface ControllerApi {
  run(command: string, lessonId?: string, stepId?: string): Promise<RunResponse>;
  cancel(jobId: string): Promise<unknown>;
  runs(): Promise<JobSummary[]>;
}

export interface TerminalView {
  write(w: TermWrite): void;
  clear(): void;
}

export interface ControllerState {
  phase: 'idle' | 'starting' | 'running';
  job: FollowedJob | null;
  progress: ProgressData | null;
  connection: StreamStatus | 'none';
  /** Latest message for the aria-live region; `n` changes on every announcement. */
  announcement: { n: number; text: string };
}

type Text = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface ControllerDeps {
  api: ControllerApi;
  open?: (jobId: string, after: number, handlers: StreamHandlers) => JobStreamHandle;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  storageKey: string;
  text: Text;
  /** Delay before persisting (ms); the page also flushes on pagehide. */
  saveDelayMs?: number;
}

interface ApiErrorLike {
  status: number;
  code: string;
  message: string;
  body: unknown;
}
const isApiError = (e: unknown): e is ApiErrorLike =>
  typeof e === 'object' && e !== null && typeof (e as ApiErrorLike).status === 'number' && typeof (e as ApiErrorLike).code === 'string';

export class JobController {
  private state: ControllerState;
  private writes: TermWrite[];
  private listeners = new Set<() => void>();
  private view: TerminalView | null = null;
  private stream: JobStreamHandle | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  text: Text;

  private restored = false;

  constructor(private readonly deps: ControllerDeps) {
    this.writes = [];
    this.text = deps.text;
    this.state = { phase: 'idle', job: null, progress: null, connection: 'none', announcement: { n: 0, text: '' } };
  }

  setText(text: Text) {
    this.text = text;
  }

  /**
   * Loads the saved transcript and job (once). Kept out of the constructor so the first client render
   * matches the server's (which has no storage); an attached view is redrawn.
   */
  restore() {
    if (this.restored) return;
    this.restored = true;
    const saved = loadTerminal(this.deps.storage, this.deps.storageKey);
    this.writes = [...saved.writes, ...this.writes];
    this.set({ job: saved.job });
    if (this.view) {
      this.view.clear();
      for (const w of this.writes) this.view.write(w);
    }
  }

  // --- store interface for React ---
  getState = (): ControllerState => this.state;
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  private set(patch: Partial<ControllerState>) {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }
  private announce(text: string) {
    this.set({ announcement: { n: this.state.announcement.n + 1, text } });
  }

  // --- view ---
  /** Attaches the terminal view and replays the transcript into it. Returns the detach function. */
  attachView(view: TerminalView): () => void {
    this.view = view;
    for (const w of this.writes) view.write(w);
    return () => {
      if (this.view === view) this.view = null;
    };
  }

  get transcript(): readonly TermWrite[] {
    return this.writes;
  }

  private emit(w: TermWrite) {
    this.writes.push(w);
    if (this.writes.length % 200 === 0) this.writes = capWrites(this.writes);
    this.view?.write(w);
    this.scheduleSave();
  }

  notice(text: string, tone: Tone = 'info') {
    this.emit({ kind: 'notice', text, tone });
  }

  clear() {
    this.writes = [];
    this.view?.clear();
    this.scheduleSave();
  }

  // --- persistence ---
  private scheduleSave() {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), this.deps.saveDelayMs ?? 250);
  }
  flush() {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.restored) return; // never overwrite saved state we have not loaded
    saveTerminal(this.deps.storage, this.deps.storageKey, { v: 1, job: this.state.job, writes: this.writes });
  }

  // --- jobs ---
  /** Continues a job that was running before a reload, or attaches to one started elsewhere. */
  async resume(): Promise<void> {
    this.restore();
    const job = this.state.job;
    if (job && !job.done) {
      this.follow({ ...job }, false);
      return;
    }
    let runs: JobSummary[];
    try {
      runs = await this.deps.api.runs();
    } catch {
      return;
    }
    const running = runs.find((r) => r.state === 'running');
    if (running && !this.stream && this.state.phase === 'idle' && running.jobId !== job?.jobId) {
      this.notice(this.text('terminal.reattached', { command: running.raw }));
      this.follow({ jobId: running.jobId, raw: running.raw, lastSeq: 0, done: false, mode: running.mode }, false);
    }
  }

  async run(command: string, ctx: { lessonId?: string; stepId?: string } = {}): Promise<void> {
    const raw = command.trim();
    if (!raw) return;
    if (this.state.phase !== 'idle') {
      this.notice(this.text('terminal.busy'), 'warn');
      return;
    }
    this.set({ phase: 'starting' });
    try {
      const { jobId } = await this.deps.api.run(raw, ctx.lessonId, ctx.stepId);
      this.follow({ jobId, raw, lastSeq: 0, done: false }, true);
    } catch (e) {
      this.set({ phase: 'idle' });
      if (isApiError(e) && e.status === 409) {
        this.notice(e.message || this.text('terminal.busy'), 'warn');
        const other = (e.body as { error?: { runningJobId?: string } } | null)?.error?.runningJobId;
        if (other && other !== this.state.job?.jobId && !this.stream) {
          this.follow({ jobId: other, raw: '', lastSeq: 0, done: false }, false);
        }
      } else if (isApiError(e) && e.status === 400) {
        // A refused command: echo it as typed, then the server's reason, as the terminal's own lines.
        this.emit({ kind: 'cmd', text: raw });
        this.notice(e.message, 'warn');
        this.announce(e.message);
      } else if (isApiError(e)) {
        this.notice(e.message, 'error');
      } else {
        this.notice(this.text('terminal.networkError', { message: (e as Error).message }), 'error');
      }
    }
  }

  async cancel(): Promise<void> {
    const job = this.state.job;
    if (!job || job.done) return;
    try {
      await this.deps.api.cancel(job.jobId);
    } catch (e) {
      this.notice(isApiError(e) ? e.message : (e as Error).message, 'error');
    }
  }

  private follow(job: FollowedJob, fresh: boolean) {
    this.stream?.close();
    this.set({ job, phase: 'running', progress: null, connection: 'none' });
    if (fresh) this.scheduleSave();
    const open = this.deps.open ?? ((id, after, h) => openJobStream(id, after, h));
    const stream = open(job.jobId, job.lastSeq, {
      onEvent: (ev) => this.handle(ev),
      onGap: () => this.notice(this.text('terminal.reset'), 'warn'),
      onStatus: (status) => {
        if (this.stream !== stream && status !== 'open') return;
        this.set({ connection: status });
        if (status === 'failed') {
          // The server no longer serves this job (restarted, or forgot it): stop following it for good.
          this.notice(this.text('terminal.networkError', { message: 'event stream closed' }), 'error');
          this.stream = null;
          const j = this.state.job;
          this.set({ phase: 'idle', progress: null, job: j ? { ...j, done: true } : j });
          this.flush();
        }
      },
    });
    this.stream = stream;
  }

  private handle(ev: ClientJobEvent) {
    const job = this.state.job;
    if (!job) return;
    const next: FollowedJob = { ...job, lastSeq: ev.seq };
    switch (ev.type) {
      case 'start':
        next.raw = ev.data.raw;
        next.startedAt = ev.data.startedAt;
        next.mode = ev.data.mode;
        this.set({ job: next });
        this.emit({ kind: 'cmd', text: ev.data.raw, seq: ev.seq, mode: ev.data.mode });
        this.announce(this.text('terminal.started', { command: ev.data.raw }));
        return;
      case 'out':
      case 'err':
        this.set({ job: next });
        this.emit({ kind: ev.type, text: ev.data, seq: ev.seq });
        return;
      case 'progress':
        this.set({ job: next, progress: ev.data });
        this.scheduleSave();
        return;
      case 'exit': {
        next.done = true;
        this.stream = null;
        this.set({ job: next, phase: 'idle', progress: null });
        if (ev.data.error) this.emit({ kind: 'notice', text: ev.data.error, tone: 'error', seq: ev.seq });
        this.emit({ kind: 'status', text: statusLine(ev.data), tone: exitFailed(ev.data) ? 'error' : 'ok', seq: ev.seq });
        this.announce(this.text('terminal.finished', { command: next.raw, status: exitStatus(ev.data) }));
        this.flush();
        return;
      }
      case 'reset':
        return;
    }
  }

  /**
   * Stops following (the job keeps running on the server) and saves the transcript. `resume()` picks up
   * again from the last seq, which is what React Strict Mode's unmount/remount needs.
   */
  suspend() {
    this.stream?.close();
    this.stream = null;
    this.flush();
  }
}
