import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LESSON_DIRS } from '@/lessons/index';
import { loadLesson } from '../lessons/loader';
import { parse } from '../runner/parse';
import { fileRefs } from './files-in-args';
import { discardEditedFile, findLessonFile, materialise, resolveLessonFile, saveEditedFile } from './lesson-files';

beforeAll(() => {
  process.env.CNI_LAB_STATE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cnilab-files-'));
});

describe('lesson files as commands see them', () => {
  it('file names are unique across lessons (commands run in one flat work dir)', async () => {
    const seen = new Map<string, string>();
    for (const id of Object.keys(LESSON_DIRS)) {
      const loaded = await loadLesson(id);
      expect(loaded, `lesson ${id} loads`).not.toBeNull();
      for (const f of loaded!.lesson.files) {
        expect(seen.get(f.name), `${f.name} is declared by ${seen.get(f.name)} and ${id}`).toBeUndefined();
        seen.set(f.name, id);
      }
    }
  });

  it('every file a lesson command names is a declared lesson file', async () => {
    for (const id of Object.keys(LESSON_DIRS)) {
      const loaded = (await loadLesson(id))!;
      for (const step of loaded.lesson.steps) {
        for (const c of step.commands) {
          const p = parse(c.run);
          if (!p.ok) continue; // the lesson tests report unparsable commands
          for (const ref of fileRefs(p.pipeline.command)) {
            expect(await findLessonFile(ref.name, id), `${id}/${step.id}: ${c.run}`).not.toBeNull();
          }
        }
      }
    }
  });

  it('an edit overrides the shipped file until discarded, and materialises into the work dir', async () => {
    const original = await resolveLessonFile('kind-without-cni', 'kind-1m3w-nocni.yaml');
    expect(original?.edited).toBe(false);
    expect(original?.content).toContain('disableDefaultCNI: true');
    const edited = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n';
    await saveEditedFile('kind-without-cni', 'kind-1m3w-nocni.yaml', edited);
    const now = await findLessonFile('kind-1m3w-nocni.yaml');
    expect(now).toMatchObject({ edited: true, content: edited });
    const abs = await materialise(now!);
    expect(fs.readFileSync(abs, 'utf8')).toBe(edited);
    expect(path.basename(abs)).toBe('kind-1m3w-nocni.yaml');
    await discardEditedFile('kind-without-cni', 'kind-1m3w-nocni.yaml');
    expect((await findLessonFile('kind-1m3w-nocni.yaml'))?.edited).toBe(false);
  });

  it.each(['../../etc/passwd', '/etc/passwd', 'kind-1m3w-nocni.yaml/..', '__proto__', '.env', 'a b.yaml'])('refuses %j', async (name) => {
    expect(await findLessonFile(name)).toBeNull();
    expect(await resolveLessonFile('kind-without-cni', name)).toBeNull();
  });

  it('refuses files of unknown lessons', async () => {
    expect(await resolveLessonFile('../01-kind-without-cni', 'kind-1m3w-nocni.yaml')).toBeNull();
    expect(await resolveLessonFile('constructor', 'kind-1m3w-nocni.yaml')).toBeNull();
  });
});

describe('fileRefs', () => {
  it('finds --config and -f in both spellings, ignoring stdin', () => {
    expect(fileRefs({ program: 'kind', args: ['create', 'cluster', '--config', 'a.yaml', '--name', 'test'] })).toEqual([{ index: 3, name: 'a.yaml', flag: '--config', combined: false }]);
    expect(fileRefs({ program: 'kubectl', args: ['apply', '--filename=b.yaml', '-f', '-'] })).toEqual([{ index: 1, name: 'b.yaml', flag: '--filename', combined: true }]);
    expect(fileRefs({ program: 'docker', args: ['ps'] })).toEqual([]);
  });
});
