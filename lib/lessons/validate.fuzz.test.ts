// Property tests of the lesson validator on mutated copies of the real lessons (lib/fuzz/lesson-target.ts).
import { describe, expect, it } from 'vitest';
import { lessonTarget, realLessons } from '@/lib/fuzz/lesson-target';
import { assertTarget } from '@/lib/fuzz/run-target';
import { validateLessonSource } from './validate';

describe('lesson validator under mutated lessons', () => {
  it('the unmutated lessons are valid (the mutations start from good input)', () => {
    const all = realLessons();
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const t of all) expect(validateLessonSource('x', t).ok).toBe(true);
  });

  it('never throws; every error has file, line (within the text), column, field and message', async () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 250);
    expect(await assertTarget(lessonTarget, runs)).toBe(runs);
  }, 30_000);
});
