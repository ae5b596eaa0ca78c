// The dim line printed when a job ends: "[exit 0 · 1.2s]", "[cancelled · 4.0s]", "[timed out · 30.0s]".
import type { ExitData } from './job-events';

export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
}

export function exitStatus(d: ExitData): string {
  if (d.cancelled) return 'cancelled';
  if (d.timedOut) return 'timed out';
  if (d.exitCode === null && d.signal) return `killed by ${d.signal}`;
  if (d.exitCode === null) return 'failed to start';
  return `exit ${d.exitCode}`;
}

export function statusLine(d: ExitData): string {
  const parts = [exitStatus(d), formatElapsed(d.elapsedMs)];
  if (d.truncated) parts.push('output truncated');
  return `[${parts.join(' · ')}]`;
}

/** Whether the exit should be shown as a failure (non-zero, signal, timeout or spawn error). */
export function exitFailed(d: ExitData): boolean {
  return !d.cancelled && (d.timedOut || d.exitCode !== 0 || Boolean(d.error));
}
