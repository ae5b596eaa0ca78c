// Reads one lesson folder (lesson.yaml, steps/*.md, files/*) and checks that everything it names exists.
// Uses the file system but not server-only, so a CLI can run it too; the web app goes through loader.ts.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Lesson } from './schema';
import { LOCALES, type Locale } from './schema';
import { MAX_LESSON_BYTES, analyzeLessonSource, type LessonError } from './validate';

/** A lesson with every text it refers to, read from disk and checked. */
export interface LoadedLesson {
  lesson: Lesson;
  /** Markdown per step id, both languages. */
  bodies: Record<string, Record<Locale, string>>;
  /** Lesson files by name (the text learners download or edit). */
  files: Record<string, string>;
}

export type TreeResult = { ok: true; loaded: LoadedLesson } | { ok: false; errors: LessonError[] };

/** Step bodies are prose; 64 KiB is far beyond any sensible step. */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_FILE_BYTES = 256 * 1024;

type Read = { ok: true; text: string } | { ok: false; message: string };

/** Reads a regular file (never through a symlink, so a lesson cannot point outside its folder), capped in size. */
async function readCapped(absPath: string, max: number): Promise<Read> {
  let fh;
  try {
    // O_NOFOLLOW makes the check and the read one step: a symlink fails with ELOOP instead of being followed.
    fh = await open(absPath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, message: 'file not found' };
    if (code === 'ELOOP') return { ok: false, message: 'not a regular file' };
    throw e;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, message: 'not a regular file' };
    if (st.size > max) return { ok: false, message: `file is ${st.size} bytes; the limit is ${max}` };
    return { ok: true, text: await fh.readFile('utf8') };
  } finally {
    await fh.close();
  }
}

/**
 * Checks a lesson folder. `absDir` is where it is; `displayDir` is how errors name it
 * (e.g. `lessons/01-kind-without-cni`). `expectedId`, when given, must equal the lesson's `id`.
 */
export async function checkLessonTree(absDir: string, displayDir: string, expectedId?: string): Promise<TreeResult> {
  const yamlName = `${displayDir}/lesson.yaml`;
  const src = await readCapped(path.join(absDir, 'lesson.yaml'), MAX_LESSON_BYTES);
  if (!src.ok) return { ok: false, errors: [{ file: yamlName, line: 1, column: 1, field: '', message: src.message }] };

  const { result, locate } = analyzeLessonSource(yamlName, src.text);
  if (!result.ok) return result;
  const lesson = result.lesson;
  const errors: LessonError[] = [];
  const err = (p: PropertyKey[], field: string, message: string) => errors.push({ file: yamlName, ...locate(p), field, message });

  if (expectedId !== undefined && lesson.id !== expectedId) {
    err(['id'], 'id', `lesson id "${lesson.id}" does not match its index entry "${expectedId}"`);
  }

  const bodies: LoadedLesson['bodies'] = {};
  for (const [i, step] of lesson.steps.entries()) {
    const texts: Partial<Record<Locale, string>> = {};
    for (const loc of LOCALES) {
      const rel = `steps/${step.body}.${loc}.md`;
      const r = await readCapped(path.join(absDir, 'steps', `${step.body}.${loc}.md`), MAX_BODY_BYTES);
      if (!r.ok) err(['steps', i, 'body'], `steps[${i}].body`, `${displayDir}/${rel}: ${r.message}`);
      else if (r.text.trim() === '') err(['steps', i, 'body'], `steps[${i}].body`, `${displayDir}/${rel}: file is empty`);
      else texts[loc] = r.text;
    }
    if (texts.en !== undefined && texts.ja !== undefined) bodies[step.id] = { en: texts.en, ja: texts.ja };
  }

  const files: LoadedLesson['files'] = {};
  for (const [i, f] of lesson.files.entries()) {
    if (Object.hasOwn(files, f.name)) {
      err(['files', i, 'name'], `files[${i}].name`, `duplicate file name "${f.name}"`);
      continue;
    }
    const r = await readCapped(path.join(absDir, 'files', f.name), MAX_FILE_BYTES);
    if (!r.ok) err(['files', i, 'name'], `files[${i}].name`, `${displayDir}/files/${f.name}: ${r.message}`);
    else files[f.name] = r.text;
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, loaded: { lesson, bodies, files } };
}
