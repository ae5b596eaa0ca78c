// Property tests in `npm test` use a fixed seed so CI is repeatable; `npm run bench -- fuzz` (and
// FUZZ_SEED=random) explores new inputs. A failure prints the seed and path to replay it.
import fc from 'fast-check';

const seed = process.env.FUZZ_SEED === 'random' ? undefined : Number(process.env.FUZZ_SEED ?? 20261127);
if (seed !== undefined) fc.configureGlobal({ seed });
