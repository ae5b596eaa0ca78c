// Checks every lesson in the index from the command line: `npx tsx lib/lessons/check-cli.ts`.
// Prints file:line:column: field: message for each problem and exits 1 if any lesson is invalid.
import path from 'node:path';
import { LESSON_DIRS } from '../../lessons/index';
import { checkLessonTree } from './tree';
import { formatLessonError } from './validate';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '../../lessons');
  let bad = 0;
  for (const [id, dir] of Object.entries(LESSON_DIRS)) {
    const r = await checkLessonTree(path.join(root, dir), `lessons/${dir}`, id);
    if (r.ok) {
      console.log(`ok   ${id} (${r.loaded.lesson.steps.length} steps)`);
    } else {
      bad++;
      console.log(`FAIL ${id}`);
      for (const e of r.errors) console.log(`  ${formatLessonError(e)}`);
    }
  }
  return bad === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
