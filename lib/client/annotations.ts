// Ties the annotation matcher (lib/annotations) to the terminal's recorded lines.
//
// Two sides, both fed in order: the write side sees every write as it goes to xterm and runs one
// matcher per job (a job begins at its `cmd` write); the record side sees the terminal model's line
// records, which arrive later (xterm's write callback) with an exact marker even for wrapped lines.
// A match for line N of job J waits until the N-th out/err record of job J arrives. Counting records
// (not rows) is what makes wrapping irrelevant. Framework-free, no DOM.
import { createLineMatcher, type LineMatcher, type Match, type TopicId } from '@/lib/annotations';
import type { WriteKind } from './transcript';

export interface Annotation {
  /** Stable within one terminal: job ordinal, line in the job, topic. */
  key: string;
  job: number;
  /** 1-based line within the job's output. */
  line: number;
  topic: TopicId;
  /** The line as the matcher saw it (plain text). */
  text: string;
  /** TerminalModel line id (its marker points at the line's first buffer row). */
  lineId: number;
}

export interface WriteIn {
  kind: WriteKind;
  /** Exactly the text written to xterm for this write. */
  text: string;
  seq?: number;
}

export interface RecordIn {
  id: number;
  text: string;
  meta: { kind: WriteKind };
}

/** Where a write's first character falls: for splitting the accessible mirror into the same lines. */
export interface WritePlace {
  job: number;
  line: number;
}

const MAX_PENDING = 2000;

const norm = (s: string) => s.replace(/[\x00-\x1f\x7f]/g, '').trimEnd();

export class AnnotationTracker {
  private matcher: LineMatcher;
  private job = 0;
  /** Line (1-based) that the next out/err character belongs to, in the current job. */
  private line = 1;
  /** The current line has text but no "\n" yet (the terminal model ends it before an own line). */
  private partial = false;
  private lastSeq = -Infinity;
  private pending = new Map<string, Match[]>();
  private seen = new Set<string>();
  private recJob = 0;
  private recLine = 0;

  constructor(private readonly makeMatcher: () => LineMatcher = () => createLineMatcher()) {
    this.matcher = makeMatcher();
  }

  /** Feeds one write (call before it goes to the terminal model). */
  write(w: WriteIn): WritePlace {
    if (w.kind === 'out' || w.kind === 'err') {
      const place = { job: this.job, line: this.line };
      // A replayed event (same seq again) still goes to the terminal, so it still counts lines, but what
      // it completes is not annotated a second time.
      const dup = w.seq !== undefined && w.seq <= this.lastSeq;
      if (w.seq !== undefined && !dup) this.lastSeq = w.seq;
      const matches = this.matcher.push(w.text);
      if (!dup) this.hold(matches);
      const last = w.text.lastIndexOf('\n');
      for (let i = w.text.indexOf('\n'); i >= 0; i = w.text.indexOf('\n', i + 1)) this.line++;
      this.partial = last < 0 ? this.partial || w.text.length > 0 : last < w.text.length - 1;
      return place;
    }
    // The model ends a partial line before any own line; so does the matcher.
    this.hold(this.matcher.end());
    if (this.partial) this.line++;
    this.partial = false;
    if (w.kind === 'cmd') {
      this.job++;
      this.line = 1;
      this.lastSeq = w.seq ?? -Infinity;
      this.matcher = this.makeMatcher();
    }
    return { job: this.job, line: this.line };
  }

  /** Feeds one line record; returns the annotations it completes (each key once per tracker). */
  record(rec: RecordIn): Annotation[] {
    if (rec.meta.kind === 'cmd') {
      this.recJob++;
      this.recLine = 0;
      return [];
    }
    if (rec.meta.kind !== 'out' && rec.meta.kind !== 'err') return [];
    this.recLine++;
    const k = `${this.recJob}:${this.recLine}`;
    const ms = this.pending.get(k);
    if (!ms) return [];
    this.pending.delete(k);
    const out: Annotation[] = [];
    for (const m of ms) {
      // Guard: if the two counts ever disagree (a record lost), tag nothing rather than a wrong line.
      const want = norm(m.text);
      if (!want || !norm(rec.text).startsWith(want)) continue;
      const key = `${this.recJob}:${m.line}:${m.topic}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      out.push({ key, job: this.recJob, line: m.line, topic: m.topic, text: m.text, lineId: rec.id });
    }
    return out;
  }

  private hold(ms: Match[]) {
    for (const m of ms) {
      const k = `${this.job}:${m.line}`;
      const list = this.pending.get(k);
      if (list) list.push(m);
      else this.pending.set(k, [m]);
    }
    while (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }
}

/** The terminal model as the annotator needs it (TerminalModel satisfies this). */
export interface AnnotatedModel {
  write(text: string, meta: { kind: WriteKind; seq?: number }): void;
  endLine(): void;
  onLine(cb: (rec: RecordIn) => void): { dispose(): void };
}

/**
 * Routes writes to the terminal model through a tracker: the single write path of the terminal view,
 * so what the matcher counts is exactly what xterm receives. `onAnnotations` runs once xterm has
 * parsed the annotated line (its marker exists).
 */
export function annotateModel(model: AnnotatedModel, onAnnotations: (a: Annotation[]) => void, tracker = new AnnotationTracker()) {
  const sub = model.onLine((rec) => {
    const found = tracker.record(rec);
    if (found.length) onAnnotations(found);
  });
  return {
    /** `text` is the rendered text (renderWrite) of a write. */
    write(w: WriteIn): WritePlace {
      if (w.kind !== 'out' && w.kind !== 'err') model.endLine();
      const place = tracker.write(w);
      model.write(w.text, { kind: w.kind, seq: w.seq });
      return place;
    },
    dispose: () => sub.dispose(),
  };
}
