// Explanations by topic id in one language: what the terminal's side panel shows for a tagged line.
import type { Catalogue, Topic, TopicId } from './schema';
import { CATALOGUE } from './catalogue.generated';

export type Lang = 'en' | 'ja';

export interface Explanation {
  id: TopicId;
  title: string;
  means: string;
  why: string;
  fix: string;
  /** Next explanations in the chain (e.g. NotReady node → runtime network message). */
  related: Array<{ id: TopicId; title: string }>;
  sources: Array<{ label: string; url: string }>;
}

export function topicById(id: TopicId, catalogue: Catalogue = CATALOGUE): Topic | undefined {
  return catalogue.find((t) => t.id === id);
}

export function explain(id: TopicId, lang: Lang, catalogue: Catalogue = CATALOGUE): Explanation | undefined {
  const t = topicById(id, catalogue);
  if (!t) return undefined;
  return {
    id: t.id,
    title: t.title[lang],
    means: t.means[lang],
    why: t.why[lang],
    fix: t.fix[lang],
    related: t.related.flatMap((r) => {
      const rt = topicById(r, catalogue);
      return rt ? [{ id: rt.id, title: rt.title[lang] }] : [];
    }),
    sources: t.sources.map((s) => ({ ...s })),
  };
}
