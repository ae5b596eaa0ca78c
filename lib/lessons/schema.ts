// The on-disk lesson format (versioned), validated by one zod schema. No UI or Node imports.
import * as z from 'zod';
import { StepCheck as CheckSchema } from '../checks/schema';

export const LESSON_FORMAT = 'cni-lab/v1';

export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** Text in both languages; both are required. */
const I18nText = z.strictObject({ en: z.string().min(1), ja: z.string().min(1) });

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be lowercase letters, digits and dashes (max 63)' });

/** A command the learner can click. `run` is parsed by the runner exactly as if typed. */
const StepCommand = z.strictObject({
  id: Slug,
  run: z.string().min(1).max(4096),
  /** What the learner should notice; shown under the button. */
  note: I18nText.optional(),
  /** The command is expected to fail (e.g. the removed --generator flag). */
  expectFailure: z.boolean().default(false),
  /** Only offered in this mode (e.g. docker exec on a real node). */
  modes: z.array(z.enum(['live', 'sim'])).min(1).default(['live', 'sim']),
  /** Optional stdin from a lesson file, e.g. `kubectl apply -f -`. */
  stdinFile: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}$/).optional(),
});

/** A file shipped with the lesson (downloadable; editable if `editable`). */
const LessonFile = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}$/, { error: 'file names are lowercase, no paths' }),
  title: I18nText,
  language: z.enum(['yaml', 'text', 'json']).default('yaml'),
  editable: z.boolean().default(false),
  /** For kind configs: validate edits with the kind config validator. */
  validator: z.enum(['kind-config', 'none']).default('none'),
});

/** A cluster-state check; its grammar (and evaluator) live in lib/checks. */
const StepCheck = CheckSchema;

const Step = z.strictObject({
  id: Slug,
  title: I18nText,
  /** Markdown body file stem under steps/: steps/<body>.en.md and steps/<body>.ja.md. */
  body: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/),
  commands: z.array(StepCommand).default([]),
  files: z.array(z.string()).default([]),
  checks: z.array(StepCheck).default([]),
});

export const LessonSchema = z
  .strictObject({
    format: z.literal(LESSON_FORMAT),
    id: Slug,
    order: z.number().int().min(1).max(99),
    title: I18nText,
    summary: I18nText,
    /** Kubernetes version the transcripts in the text were taken from, e.g. "v1.19.1 (article)". */
    sourceNote: I18nText.optional(),
    files: z.array(LessonFile).default([]),
    steps: z.array(Step).min(1),
  })
  .superRefine((lesson, ctx) => {
    const fileNames = new Set(lesson.files.map((f) => f.name));
    const seen = new Set<string>();
    lesson.steps.forEach((step, i) => {
      if (seen.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${step.id}"` });
      seen.add(step.id);
      step.files.forEach((f, j) => {
        if (!fileNames.has(f)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'files', j], message: `unknown file "${f}" (not in lesson files)` });
      });
      step.commands.forEach((c, j) => {
        if (c.stdinFile && !fileNames.has(c.stdinFile))
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'commands', j, 'stdinFile'], message: `unknown file "${c.stdinFile}"` });
      });
    });
  });

export type Lesson = z.infer<typeof LessonSchema>;
export type LessonStep = Lesson['steps'][number];
export type LessonCommand = LessonStep['commands'][number];
export type LessonFileMeta = Lesson['files'][number];
export type LessonCheck = LessonStep['checks'][number];
