// Validates every lesson in the index as shipped: this is how `npm test` catches a broken lesson,
// with file:line:column: field messages in the failure.
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LESSON_DIRS } from '@/lessons/index';
import { parse as parseCommand } from '@/lib/runner/parse';
import { checkLessonTree, type LoadedLesson } from './tree';
import { formatLessonError } from './validate';

const ROOT = path.resolve(__dirname, '../../lessons');

async function load(id: string, dir: string): Promise<LoadedLesson> {
  const r = await checkLessonTree(path.join(ROOT, dir), `lessons/${dir}`, id);
  if (!r.ok) throw new Error(`lesson "${id}" is invalid:\n${r.errors.map(formatLessonError).join('\n')}`);
  return r.loaded;
}

describe.each(Object.entries(LESSON_DIRS))('lesson %s (lessons/%s)', (id, dir) => {
  it('is valid, and every body and file it names exists', async () => {
    const { lesson, bodies } = await load(id, dir);
    expect(lesson.id).toBe(id);
    expect(Object.keys(bodies).sort()).toEqual(lesson.steps.map((s) => s.id).sort());
  });

  it('has commands the runner accepts', async () => {
    const { lesson } = await load(id, dir);
    const refused = lesson.steps.flatMap((s) =>
      s.commands.flatMap((c) => {
        const p = parseCommand(c.run);
        return p.ok ? [] : [`steps ${s.id} / ${c.id}: ${c.run}\n  ${p.message}`];
      }),
    );
    expect(refused, refused.join('\n')).toEqual([]);
  });

  it('has unique command ids within each step', async () => {
    const { lesson } = await load(id, dir);
    for (const s of lesson.steps) {
      const ids = s.commands.map((c) => c.id);
      expect(new Set(ids).size, `step ${s.id}`).toBe(ids.length);
    }
  });
});

describe('lesson kind-without-cni content', () => {
  it("ships exactly the article's kind config", async () => {
    const { files, lesson } = await load('kind-without-cni', LESSON_DIRS['kind-without-cni']);
    expect(parseYaml(files['kind-1m3w-nocni.yaml'])).toEqual({
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      networking: { disableDefaultCNI: true },
      nodes: [{ role: 'control-plane' }, { role: 'worker' }, { role: 'worker' }, { role: 'worker' }],
    });
    expect(lesson.files[0]).toMatchObject({ name: 'kind-1m3w-nocni.yaml', editable: true, validator: 'kind-config' });
  });

  it('offers the removed --generator flag as an expected failure, then the modern command', async () => {
    const { lesson } = await load('kind-without-cni', LESSON_DIRS['kind-without-cni']);
    const cmds = lesson.steps.flatMap((s) => s.commands);
    const failing = cmds.filter((c) => c.expectFailure).map((c) => c.run);
    expect(failing).toEqual(['kubectl run nginx --image=nginx --generator=run-pod/v1']);
    expect(cmds.map((c) => c.run)).toContain('kubectl run nginx --image=nginx');
    expect(cmds.map((c) => c.run)).toContain('kind create cluster --config kind-1m3w-nocni.yaml --name test');
  });

  it('has both languages for every step, without leftover placeholders', async () => {
    const { bodies } = await load('kind-without-cni', LESSON_DIRS['kind-without-cni']);
    for (const [step, { en, ja }] of Object.entries(bodies)) {
      expect(en, step).not.toMatch(/TODO|TBD|lorem/i);
      expect(ja, step).not.toMatch(/TODO|TBD|lorem/i);
      // The Japanese body must actually be Japanese (kana present), not a copy of the English one.
      expect(ja, step).toMatch(/[\u3040-\u30ff]/);
      expect(ja, step).not.toBe(en);
    }
  });
});
