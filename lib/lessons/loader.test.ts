import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLessonLoader, lessonDirFor, loadLesson, readLessonFile } from './loader';
import { checkLessonTree } from './tree';

const YAML = (id: string, order: number) => `format: cni-lab/v1
id: ${id}
order: ${order}
title: { en: T ${id}, ja: T ${id} ja }
summary: { en: S, ja: S ja }
files:
  - name: conf.yaml
    title: { en: Config, ja: 設定 }
steps:
  - id: one
    title: { en: One, ja: 一 }
    body: one
    files: [conf.yaml]
`;

let root: string;

async function writeLesson(dir: string, id: string, order: number, opts: { ja?: boolean; file?: boolean } = {}) {
  const d = path.join(root, dir);
  await mkdir(path.join(d, 'steps'), { recursive: true });
  await mkdir(path.join(d, 'files'), { recursive: true });
  await writeFile(path.join(d, 'lesson.yaml'), YAML(id, order));
  await writeFile(path.join(d, 'steps', 'one.en.md'), `# ${id}\n`);
  if (opts.ja !== false) await writeFile(path.join(d, 'steps', 'one.ja.md'), `# ${id} ja\n`);
  if (opts.file !== false) await writeFile(path.join(d, 'files', 'conf.yaml'), 'kind: Cluster\n');
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cni-lab-lessons-'));
  await writeLesson('01-b', 'b', 2);
  await writeLesson('02-a', 'a', 1);
  await writeLesson('03-noja', 'noja', 3, { ja: false });
  await writeLesson('04-nofile', 'nofile', 4, { file: false });
  await writeLesson('05-wrongid', 'other', 5);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const DIRS = { b: '01-b', a: '02-a', noja: '03-noja', nofile: '04-nofile', wrongid: '05-wrongid', missing: '09-missing' };

describe('createLessonLoader', () => {
  it('lists valid lessons sorted by order and skips invalid or missing ones', async () => {
    const loader = createLessonLoader(root, DIRS, false);
    const list = await loader.listLessons();
    expect(list.map((l) => l.id)).toEqual(['a', 'b']);
    expect(list[0]).toEqual({ id: 'a', order: 1, title: { en: 'T a', ja: 'T a ja' }, summary: { en: 'S', ja: 'S ja' } });
    const problems = await loader.listLessonProblems();
    expect(problems.map((p) => p.id).sort()).toEqual(['missing', 'nofile', 'noja', 'wrongid']);
  });

  it('loads bodies and files', async () => {
    const loaded = await createLessonLoader(root, DIRS, false).loadLesson('a');
    expect(loaded?.bodies).toEqual({ one: { en: '# a\n', ja: '# a ja\n' } });
    expect(loaded?.files).toEqual({ 'conf.yaml': 'kind: Cluster\n' });
  });

  it('names the missing Japanese body and the missing file, at the referring line', async () => {
    const noja = await checkLessonTree(path.join(root, '03-noja'), 'lessons/03-noja', 'noja');
    expect(noja.ok).toBe(false);
    if (!noja.ok) {
      expect(noja.errors).toEqual([
        {
          file: 'lessons/03-noja/lesson.yaml',
          line: 12,
          column: 11,
          field: 'steps[0].body',
          message: 'lessons/03-noja/steps/one.ja.md: file not found',
        },
      ]);
    }
    const nofile = await checkLessonTree(path.join(root, '04-nofile'), 'lessons/04-nofile', 'nofile');
    expect(nofile.ok).toBe(false);
    if (!nofile.ok) expect(nofile.errors[0]).toMatchObject({ line: 7, column: 11, field: 'files[0].name' });
    const wrong = await checkLessonTree(path.join(root, '05-wrongid'), 'lessons/05-wrongid', 'wrongid');
    if (!wrong.ok) expect(wrong.errors[0]).toMatchObject({ line: 2, field: 'id' });
    expect(wrong.ok).toBe(false);
  });

  it('refuses a body that is a symlink (it could point outside the lesson)', async () => {
    await writeLesson('06-link', 'link', 6, { ja: false });
    await symlink('/etc/hostname', path.join(root, '06-link', 'steps', 'one.ja.md'));
    const r = await checkLessonTree(path.join(root, '06-link'), 'lessons/06-link', 'link');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toBe('lessons/06-link/steps/one.ja.md: not a regular file');
  });

  it('refuses a body that is a directory or too large', async () => {
    await writeLesson('07-dir', 'dir', 7, { ja: false });
    await mkdir(path.join(root, '07-dir', 'steps', 'one.ja.md'));
    const dir = await checkLessonTree(path.join(root, '07-dir'), 'lessons/07-dir', 'dir');
    if (!dir.ok) expect(dir.errors[0].message).toBe('lessons/07-dir/steps/one.ja.md: not a regular file');
    expect(dir.ok).toBe(false);

    await writeLesson('08-big', 'big', 8);
    await writeFile(path.join(root, '08-big', 'steps', 'one.en.md'), 'x'.repeat(64 * 1024 + 1));
    const big = await checkLessonTree(path.join(root, '08-big'), 'lessons/08-big', 'big');
    if (!big.ok) expect(big.errors[0].message).toBe('lessons/08-big/steps/one.en.md: file is 65537 bytes; the limit is 65536');
    expect(big.ok).toBe(false);
  });

  it('reports a malformed lesson.yaml through listLessonProblems with its line', async () => {
    await writeLesson('09-bad', 'bad', 9);
    await writeFile(path.join(root, '09-bad', 'lesson.yaml'), YAML('bad', 9).replace('order: 9', 'order: "9"'));
    const problems = await createLessonLoader(root, { bad: '09-bad' }, false).listLessonProblems();
    expect(problems).toHaveLength(1);
    expect(problems[0].errors[0]).toMatchObject({ file: 'lessons/09-bad/lesson.yaml', line: 3, column: 8, field: 'order' });
  });

  it('reads only declared files', async () => {
    const loader = createLessonLoader(root, DIRS, false);
    expect(await loader.readLessonFile('a', 'conf.yaml')).toBe('kind: Cluster\n');
    expect(await loader.readLessonFile('a', 'lesson.yaml')).toBeNull();
    expect(await loader.readLessonFile('a', '../lesson.yaml')).toBeNull();
    expect(await loader.readLessonFile('a', '__proto__')).toBeNull();
    expect(await loader.readLessonFile('nope', 'conf.yaml')).toBeNull();
  });

  it('caches when asked, and re-reads when not', async () => {
    const cached = createLessonLoader(root, DIRS, true);
    const fresh = createLessonLoader(root, DIRS, false);
    expect((await cached.loadLesson('b'))?.bodies.one.en).toBe('# b\n');
    await writeFile(path.join(root, '01-b', 'steps', 'one.en.md'), '# b edited\n');
    expect((await cached.loadLesson('b'))?.bodies.one.en).toBe('# b\n');
    expect((await fresh.loadLesson('b'))?.bodies.one.en).toBe('# b edited\n');
  });
});

describe('lesson ids', () => {
  const hostile = [
    '../../etc/passwd',
    '%2e%2e',
    '%2e%2e%2fetc',
    '..',
    '.',
    '',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    'toString',
    'KIND-WITHOUT-CNI',
    'kind-without-cni/',
    'kind-without-cni\0',
    '01-kind-without-cni',
    'a'.repeat(65),
  ];

  it.each(hostile)('rejects %j', async (id) => {
    expect(lessonDirFor(id)).toBeNull();
    expect(await loadLesson(id)).toBeNull();
    expect(await readLessonFile(id, 'kind-1m3w-nocni.yaml')).toBeNull();
  });

  it('rejects non-strings', () => {
    for (const id of [undefined, null, 1, ['kind-without-cni'], { toString: () => 'kind-without-cni' }]) {
      expect(lessonDirFor(id)).toBeNull();
    }
  });

  it('maps known ids to their folders', () => {
    expect(lessonDirFor('kind-without-cni')).toBe('01-kind-without-cni');
    expect(lessonDirFor('fix-with-a-cni')).toBe('02-fix-with-a-cni');
  });
});
