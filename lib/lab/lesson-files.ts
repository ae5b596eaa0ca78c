import 'server-only';
// Lesson files as commands see them: the learner's saved edit if there is one, else the shipped file.
// Names are checked against the lesson's declared files before they touch the file system.
import fs from 'node:fs/promises';
import path from 'node:path';
import { LESSON_DIRS } from '@/lessons/index';
import { loadLesson } from '../lessons/loader';
import { editsDir, workDir } from './paths';

const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,80}$/;

export interface ResolvedFile {
  lessonId: string;
  name: string;
  content: string;
  edited: boolean;
}

async function editedCopy(lessonId: string, name: string): Promise<string | null> {
  try {
    return await fs.readFile(path.join(editsDir(), lessonId, name), 'utf8');
  } catch {
    return null;
  }
}

/** The effective content of a declared lesson file, or null when the lesson does not declare it. */
export async function resolveLessonFile(lessonId: string, name: string): Promise<ResolvedFile | null> {
  if (!NAME_RE.test(name)) return null;
  const loaded = await loadLesson(lessonId);
  if (!loaded || !loaded.lesson.files.some((f) => f.name === name)) return null;
  const edited = await editedCopy(lessonId, name);
  return { lessonId, name, content: edited ?? loaded.files[name], edited: edited !== null };
}

/** Finds a bare file name (as typed after --config or -f) in the given lesson, else in any lesson. */
export async function findLessonFile(name: string, preferLesson?: string): Promise<ResolvedFile | null> {
  const ids = Object.keys(LESSON_DIRS);
  const order = preferLesson && ids.includes(preferLesson) ? [preferLesson, ...ids.filter((i) => i !== preferLesson)] : ids;
  for (const id of order) {
    const f = await resolveLessonFile(id, name);
    if (f) return f;
  }
  return null;
}

export async function saveEditedFile(lessonId: string, name: string, content: string): Promise<void> {
  const dir = path.join(editsDir(), lessonId);
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, name);
  const tmp = `${target}.${process.pid}.tmp`;
  await fs.writeFile(tmp, content, 'utf8');
  await fs.rename(tmp, target); // atomic: a crash never leaves half a file
}

export async function discardEditedFile(lessonId: string, name: string): Promise<void> {
  await fs.rm(path.join(editsDir(), lessonId, name), { force: true });
}

/**
 * Writes the content into the work dir (every command's cwd), so the bare name the learner typed
 * resolves to it. Lesson file names are unique across lessons (a lesson test checks that).
 */
export async function materialise(file: ResolvedFile): Promise<string> {
  const dir = workDir();
  await fs.mkdir(dir, { recursive: true });
  const target = path.join(dir, file.name);
  await fs.writeFile(target, file.content, 'utf8');
  return target;
}
