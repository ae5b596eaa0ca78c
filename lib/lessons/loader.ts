import 'server-only';
// Loads lessons for the web app. Ids come from URLs, so they are only ever looked up in the fixed index.
import path from 'node:path';
import { LESSON_DIRS } from '@/lessons/index';
import { checkLessonTree, type LoadedLesson, type TreeResult } from './tree';
import type { LessonError } from './validate';

export type { LoadedLesson } from './tree';

export interface LessonSummary {
  id: string;
  order: number;
  title: { en: string; ja: string };
  summary: { en: string; ja: string };
}

const ID_RE = /^[a-z0-9-]{1,64}$/;

/** The index folder name for an id, or null if the id is not a lesson. */
export function lessonDirFor(id: unknown, dirs: Readonly<Record<string, string>> = LESSON_DIRS): string | null {
  if (typeof id !== 'string' || !ID_RE.test(id) || !Object.hasOwn(dirs, id)) return null;
  return dirs[id];
}

export interface LessonLoader {
  listLessons(): Promise<LessonSummary[]>;
  loadLesson(id: string): Promise<LoadedLesson | null>;
  readLessonFile(id: string, name: string): Promise<string | null>;
  /** Lessons in the index that failed to load, with their errors (for the doctor page and logs). */
  listLessonProblems(): Promise<Array<{ id: string; errors: LessonError[] }>>;
}

/**
 * A loader over `root` (the folder holding the lesson folders). With `cache`, each lesson is read once;
 * without it, every call re-reads, so edits show up while writing lessons.
 */
export function createLessonLoader(root: string, dirs: Readonly<Record<string, string>>, cache: boolean): LessonLoader {
  const memo = new Map<string, Promise<TreeResult>>();

  function check(id: string): Promise<TreeResult> | null {
    const dir = lessonDirFor(id, dirs);
    if (dir === null) return null;
    const display = `lessons/${dir}`;
    // An unexpected I/O error becomes an invalid lesson rather than a crashed page.
    const run = () =>
      // The root is a runtime argument (lessons/ or a test folder), read at run time: not for the bundler to trace.
      checkLessonTree(path.join(/*turbopackIgnore: true*/ root, dir), display, id).catch(
        (e: unknown): TreeResult => ({
          ok: false,
          errors: [{ file: `${display}/lesson.yaml`, line: 1, column: 1, field: '', message: `cannot read lesson: ${(e as Error).message}` }],
        }),
      );
    if (!cache) return run();
    let p = memo.get(id);
    if (!p) {
      p = run();
      memo.set(id, p);
    }
    return p;
  }

  async function all(): Promise<Array<{ id: string; result: TreeResult }>> {
    const ids = Object.keys(dirs);
    return Promise.all(ids.map(async (id) => ({ id, result: await check(id)! })));
  }

  async function loadLesson(id: string): Promise<LoadedLesson | null> {
    const r = await check(id);
    return r && r.ok ? r.loaded : null;
  }

  return {
    loadLesson,
    async listLessons() {
      const out: LessonSummary[] = [];
      for (const { id, result } of await all()) {
        if (!result.ok) continue;
        const { order, title, summary } = result.loaded.lesson;
        out.push({ id, order, title, summary });
      }
      return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    },
    async readLessonFile(id, name) {
      const loaded = await loadLesson(id);
      if (!loaded || typeof name !== 'string') return null;
      if (!loaded.lesson.files.some((f) => f.name === name) || !Object.hasOwn(loaded.files, name)) return null;
      return loaded.files[name];
    },
    async listLessonProblems() {
      return (await all()).flatMap(({ id, result }) => (result.ok ? [] : [{ id, errors: result.errors }]));
    },
  };
}

const KEY = Symbol.for('cni-lab.lesson-loader');
type G = typeof globalThis & { [KEY]?: LessonLoader };

// One loader per server process (globalThis survives dev module re-evaluation); it caches only in production.
function defaultLoader(): LessonLoader {
  const g = globalThis as G;
  return (g[KEY] ??= createLessonLoader(
    path.join(/*turbopackIgnore: true*/ process.cwd(), 'lessons'),
    LESSON_DIRS,
    process.env.NODE_ENV === 'production',
  ));
}

export const listLessons = (): Promise<LessonSummary[]> => defaultLoader().listLessons();
export const loadLesson = (id: string): Promise<LoadedLesson | null> => defaultLoader().loadLesson(id);
export const readLessonFile = (id: string, name: string): Promise<string | null> => defaultLoader().readLessonFile(id, name);
export const listLessonProblems = (): Promise<Array<{ id: string; errors: LessonError[] }>> =>
  defaultLoader().listLessonProblems();
