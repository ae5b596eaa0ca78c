// One zod schema for every annotations/<topic-id>.yaml file. No UI imports: the build step, the CLI
// and the tests validate with it; the browser only imports its types.
import * as z from 'zod';

export const TOPIC_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const Text = z
  .object({ en: z.string().trim().min(1), ja: z.string().trim().min(1) })
  .strict();

/** Links must be pinned: a tag or commit for GitHub files, an issue/PR number, or a docs page. */
export function isPinnedUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
  if (u.hostname !== 'github.com') return true;
  if (/^\/[^/]+\/[^/]+\/(?:issues|pull)\/\d+\/?$/.test(u.pathname)) return true;
  const m = /^\/[^/]+\/[^/]+\/(?:blob|tree)\/([^/]+)\//.exec(u.pathname);
  return !!m && (/^v\d+\.\d+\.\d+/.test(m[1]) || /^[0-9a-f]{40}$/.test(m[1]));
}

/** Where a real sample came from: a URL, the article, the simulator at a node version, or a real binary here. */
export const SAMPLE_SOURCE = /^(?:https:\/\/\S+|article|simulator v1\.\d+\.\d+|real (?:kubectl v1\.\d+\.\d+|docker CLI)|derived: .+)$/;

const Sample = z
  .object({
    text: z.string().min(1).refine((t) => !t.includes('\n'), 'one line only'),
    source: z.string().regex(SAMPLE_SOURCE, "a URL, 'article', 'simulator vX.Y.Z', 'real kubectl vX.Y.Z', 'real docker CLI' or 'derived: <why>'"),
  })
  .strict();

const TopicIdSchema = z.string().regex(TOPIC_ID, 'lowercase words joined by "-"');

export const PatternSchema = z
  .object({
    /** JavaScript regular expression source, tested against the plain line (ANSI removed, final text after `\r`). */
    regex: z.string().min(1).superRefine((src, ctx) => {
      try {
        new RegExp(src);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: `not a valid regex: ${(e as Error).message}` });
      }
    }),
    /** A literal every match contains: the cheap pre-filter checked before the regex runs. */
    contains: z.string().min(3),
    /** The program that prints this wording. */
    program: z.enum(['kubelet', 'containerd', 'cri-o', 'dockershim', 'kube-scheduler', 'kube-controller-manager', 'kubectl', 'kind', 'docker', 'flannel', 'libcni']).optional(),
    /** Which versions / runtimes produce this wording. */
    note: z.string().optional(),
  })
  .strict();

export const TopicSchema = z
  .object({
    id: TopicIdSchema,
    title: Text,
    means: Text,
    why: Text,
    fix: Text,
    /** Higher runs first when a line carries several topics (more specific explanations first). */
    priority: z.number().int().min(0).max(100),
    /** Topics this one replaces on the same line (e.g. a CoreDNS-specific Pending row drops the generic one). */
    supersedes: z.array(TopicIdSchema).default([]),
    related: z.array(TopicIdSchema).default([]),
    sources: z.array(z.object({ label: z.string().min(1), url: z.string().refine(isPinnedUrl, 'https URL pinned to a tag, a commit, an issue or a docs page') }).strict()).min(1),
    patterns: z.array(PatternSchema).min(1),
    /** Real lines that must be tagged with this topic (and, with `also`, exactly those other topics). */
    examples: z.array(Sample.extend({ also: z.array(TopicIdSchema).optional() }).strict()).min(1),
    /** Healthy or unrelated lines that must not carry this topic. */
    counterexamples: z.array(Sample).default([]),
  })
  .strict();

export type Topic = z.infer<typeof TopicSchema>;
export type Pattern = z.infer<typeof PatternSchema>;
export type TopicId = string;
export type Catalogue = readonly Topic[];

export type LocalizedText = z.infer<typeof Text>;

/** Checks a parsed catalogue as a whole: ids match file names, unique, and every reference resolves. */
export function checkCatalogue(topics: Array<{ file: string; topic: Topic }>): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  for (const { file, topic } of topics) {
    const base = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
    if (base !== topic.id) errors.push(`${file}: id "${topic.id}" does not match the file name`);
    if (ids.has(topic.id)) errors.push(`${file}: duplicate id "${topic.id}"`);
    ids.add(topic.id);
  }
  for (const { file, topic } of topics) {
    for (const [field, list] of [['related', topic.related], ['supersedes', topic.supersedes]] as const)
      for (const r of list) if (!ids.has(r)) errors.push(`${file}: ${field} names unknown topic "${r}"`);
    topic.examples.forEach((ex, i) => {
      for (const r of ex.also ?? []) if (!ids.has(r)) errors.push(`${file}: examples[${i}].also names unknown topic "${r}"`);
    });
  }
  return errors;
}
