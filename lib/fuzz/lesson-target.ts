// Fuzz target: the lesson validator (lib/lessons/validate.ts) on mutated copies of the real lessons.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { validateLessonSource } from '../lessons/validate';
import { hostileYaml, mutateText } from './arb-yaml';
import { printable, timed, type FuzzTarget } from './target';

const LESSONS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'lessons');

export function realLessons(): string[] {
  return fs
    .readdirSync(LESSONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(LESSONS_DIR, d.name, 'lesson.yaml')))
    .map((d) => fs.readFileSync(path.join(LESSONS_DIR, d.name, 'lesson.yaml'), 'utf8'));
}

type Path = Array<string | number>;
function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}
function parentOf(root: unknown, p: Path): Record<string | number, unknown> | undefined {
  let cur = root as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) cur = cur?.[k] as Record<string | number, unknown>;
  return cur && typeof cur === 'object' ? cur : undefined;
}

const REPLACEMENTS: unknown[] = [null, 0, -1, 1e9, true, 'x', '', 'A'.repeat(5000), [], {}, ['a'], { en: 'x' }, { en: 'x', ja: 'y', zz: 1 }, '../etc/passwd', 'Bad Id', 1.5];
type Op = { kind: 'drop' | 'retype' | 'unknown' | 'dupStep' | 'dupId'; pick: number; with: number };
const op = fc.record({ kind: fc.constantFrom<Op['kind']>('drop', 'retype', 'unknown', 'dupStep', 'dupId'), pick: fc.nat(), with: fc.nat() });

function applyOps(text: string, ops: Op[]): string {
  const data = parse(text) as Record<string, unknown>;
  for (const o of ops) {
    const all = paths(data).filter((p) => p.length > 0);
    if (!all.length) break;
    const p = all[o.pick % all.length];
    const parent = parentOf(data, p);
    const key = p[p.length - 1];
    if (!parent) continue;
    const steps = data.steps as Array<Record<string, unknown>> | undefined;
    if (o.kind === 'drop') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (o.kind === 'retype') parent[key] = REPLACEMENTS[o.with % REPLACEMENTS.length];
    else if (o.kind === 'unknown' && !Array.isArray(parent)) parent[`unknown${o.with % 5}`] = REPLACEMENTS[o.with % REPLACEMENTS.length];
    else if (o.kind === 'dupStep' && Array.isArray(steps) && steps.length) steps.push(structuredClone(steps[o.with % steps.length]));
    // Earlier ops may have retyped steps into strings or numbers: only objects get an id.
    else if (o.kind === 'dupId' && Array.isArray(steps) && steps.length > 1 && isObject(steps[0]) && isObject(steps[1])) steps[1].id = steps[0].id;
  }
  return stringify(data);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function lessonInputs(): fc.Arbitrary<string> {
  const base = fc.constantFrom(...realLessons());
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(base, fc.array(op, { minLength: 1, maxLength: 5 })).map(([t, ops]) => applyOps(t, ops)) },
    { weight: 3, arbitrary: mutateText(base) },
    { weight: 1, arbitrary: fc.tuple(base, hostileYaml).map(([t, h]) => `${h}\n${t}`) },
    { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom('\uFEFF', '%YAML 1.1\n---\n', '---\n', '--- !!map\n', '\r\n', '\t', 'x: &a [*a]\n')).map(([t, pre]) => pre + t) },
    { weight: 1, arbitrary: fc.tuple(base, fc.nat()).map(([t, n]) => t.slice(0, n % (t.length + 1))) },
  );
}

const FILE = 'lessons/fuzz/lesson.yaml';

export const lessonTarget: FuzzTarget<string> = {
  name: 'lessons.validate',
  arbitrary: lessonInputs(),
  check(text) {
    const r = timed(() => validateLessonSource(FILE, text));
    if (r.error) return r.error;
    const v = r.value!;
    if (v.ok) return v.lesson ? null : 'ok without a lesson';
    if (!v.errors.length) return 'refused without errors';
    const lines = text.split('\n').length;
    for (const e of v.errors) {
      if (e.file !== FILE) return `error with file ${JSON.stringify(e.file)}`;
      if (!Number.isInteger(e.line) || e.line < 1 || e.line > lines) return `error line ${e.line} outside 1..${lines}: ${e.message}`;
      if (!Number.isInteger(e.column) || e.column < 1) return `error column ${e.column}: ${e.message}`;
      if (typeof e.field !== 'string') return 'error without a field string';
      if (typeof e.message !== 'string' || e.message.trim() === '') return `error without a message at ${e.line}:${e.column}`;
    }
    return null;
  },
  show: (s) => printable(s, 600),
};
