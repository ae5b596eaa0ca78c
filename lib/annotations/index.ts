// Client-safe entry point for the terminal: the generated catalogue, the streaming matcher and explanations.
// No Node APIs and no zod at run time (the schema module is imported for types only).
export { CATALOGUE } from './catalogue.generated';
export { annotateText, createLineMatcher, matchLine, plainLine, MAX_LINE, type LineMatcher, type Match } from './matcher';
export { explain, topicById, type Explanation, type Lang } from './explain';
export type { Catalogue, Topic, TopicId } from './schema';
