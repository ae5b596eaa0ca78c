// What the explanation UI shows: the annotated lines of one terminal and the open explanation with its
// Back trail. One store per JobController (the terminal and the side panel are siblings), plain
// subscribe/getSnapshot for useSyncExternalStore. Framework-free.
import type { TopicId } from '@/lib/annotations';
import type { JobController } from './job-controller';
import type { Annotation } from './annotations';

export interface OpenExplanation {
  topic: TopicId;
  /** The terminal line that led here (absent for a topic reached through "Related"). */
  quote?: string;
  annotationKey?: string;
}

export interface AnnotationState {
  annotations: readonly Annotation[];
  open: OpenExplanation | null;
  /** Explanations to go Back to, oldest first. */
  trail: readonly OpenExplanation[];
  /** Bumped when a terminal line gets its first annotation (the debounced announcement listens). */
  added: number;
}

export const MAX_ANNOTATIONS = 200;
const MAX_TRAIL = 20;

export class AnnotationStore {
  private state: AnnotationState = { annotations: [], open: null, trail: [], added: 0 };
  private listeners = new Set<() => void>();

  subscribe = (cb: () => void) => {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  };
  getSnapshot = (): AnnotationState => this.state;

  /** Adds annotations (a key already present is ignored). */
  add(list: readonly Annotation[]): void {
    const have = new Set(this.state.annotations.map((a) => a.key));
    const fresh = list.filter((a) => !have.has(a.key) && (have.add(a.key), true));
    if (!fresh.length) return;
    const newLines = new Set(fresh.map((a) => a.lineId)).size;
    const all = [...this.state.annotations, ...fresh];
    this.set({ annotations: all.slice(Math.max(0, all.length - MAX_ANNOTATIONS)), added: this.state.added + newLines });
  }

  /** Forgets the lines (terminal cleared or re-created); an open explanation stays open. */
  reset(): void {
    if (this.state.annotations.length) this.set({ annotations: [] });
  }

  openAnnotation(key: string): void {
    const a = this.state.annotations.find((x) => x.key === key);
    if (a) this.set({ open: { topic: a.topic, quote: a.text, annotationKey: a.key }, trail: [] });
  }

  /** Follows a "Related" link: the current explanation goes on the Back trail. */
  openRelated(topic: TopicId): void {
    const cur = this.state.open;
    const trail = cur ? [...this.state.trail, cur].slice(-MAX_TRAIL) : this.state.trail;
    this.set({ open: { topic }, trail });
  }

  back(): void {
    const trail = this.state.trail;
    if (!trail.length) return;
    this.set({ open: trail[trail.length - 1], trail: trail.slice(0, -1) });
  }

  close(): void {
    if (this.state.open || this.state.trail.length) this.set({ open: null, trail: [] });
  }

  private set(patch: Partial<AnnotationState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

const stores = new WeakMap<JobController, AnnotationStore>();

/** The store shared by the terminal and the side panel of one controller. */
export function annotationStoreFor(controller: JobController): AnnotationStore {
  let s = stores.get(controller);
  if (!s) stores.set(controller, (s = new AnnotationStore()));
  return s;
}
