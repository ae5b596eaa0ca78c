// Shared pieces of the allowlist (names, file references, refusal helpers).
import type { Refusal } from './types';

/** `longRunning`: may legitimately run for minutes (kind create, kubectl -w, logs -f, wait). */
export type CheckResult = { ok: true; mutating: boolean; longRunning: boolean } | Refusal;

export const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;
/** A lesson file or a file in the lab workdir, by bare name; the caller resolves it. */
export const LESSON_FILE = /^[a-z0-9][a-z0-9._-]*\.ya?ml$/;

export const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });
export const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

export function checkClusterName(name: string, what = 'cluster name'): Refusal | null {
  if (CLUSTER_NAME.test(name)) return null;
  return refuse(
    'bad-argument',
    `Refused: ${show(name)} is not a valid ${what}. Use 1-32 lowercase letters, digits and "-", starting and ending with a letter or digit.`,
  );
}

