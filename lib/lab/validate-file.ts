// Validates a lesson file's text as its declared validator says (kind configs: kind's own checks,
// with kind's exact error texts, then the lab's policy). Pure: used by routes and the runner.
import { checkConfigText, checkLabPolicy, parseKindConfig } from '../kindconfig';

export type FileValidator = 'kind-config' | 'none';

export function validateFileText(validator: FileValidator, text: string): { ok: true } | { ok: false; errors: string[] } {
  if (validator === 'none') return { ok: true };
  const pre = checkConfigText(text);
  if (pre.length) return { ok: false, errors: pre.map((m) => m.en) };
  const parsed = parseKindConfig(text);
  if (!parsed.ok) return { ok: false, errors: [`ERROR: failed to create cluster: ${parsed.error}`] };
  const policy = checkLabPolicy(parsed.config);
  return policy.length ? { ok: false, errors: policy.map((m) => m.en) } : { ok: true };
}
