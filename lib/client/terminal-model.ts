// Per-terminal model of written output lines: the seam for annotations.
//
// Every line written through the model is recorded with an xterm marker at its first buffer row (taken
// in the write callback, when xterm has parsed the text, so the row is exact even for wrapped lines).
// A later feature can listen with onLine(), recognise a line (say, kubectl's "0/4 nodes are available")
// and call decorateLine() to highlight it and attach an explanation, without touching the terminal
// component. Framework-free; the terminal needs `allowProposedApi: true` for markers and decorations.
import type { IDecoration, IDisposable, IMarker, Terminal } from '@xterm/xterm';
import { stripAnsi } from './ansi';
import type { WriteKind } from './transcript';

export type ModelTerminal = Pick<Terminal, 'write' | 'registerMarker' | 'registerDecoration' | 'buffer' | 'cols'>;

export interface LineMeta {
  kind: WriteKind;
  seq?: number;
}

export interface LineRecord {
  id: number;
  /** Plain text of the logical line (no colours). */
  text: string;
  marker: IMarker;
  meta: LineMeta;
}

export interface LineDecoration {
  className?: string;
  title?: string;
  onClick?: (line: LineRecord) => void;
  /** Overview-ruler colour, e.g. '#d97706'. */
  rulerColor?: string;
  /** Defaults: the whole first row, under the text. A narrow 'top' one can carry a clickable badge. */
  layer?: 'top' | 'bottom';
  width?: number;
  anchor?: 'left' | 'right';
  /** Offset in cells from the anchor (xterm ignores a 0 offset for 'right': use at least 1 there). */
  x?: number;
}

export class TerminalModel {
  private lines = new Map<number, LineRecord>();
  private listeners = new Set<(line: LineRecord) => void>();
  private partial = '';
  private partialMeta: LineMeta | null = null;
  private nextId = 1;

  constructor(
    private readonly term: ModelTerminal,
    private readonly maxLines = 5000,
  ) {}

  /** Writes text (may hold several lines or part of one) and records each line when it is complete. */
  write(text: string, meta: LineMeta): void {
    const parts = text.split('\n');
    for (let i = 0; i < parts.length - 1; i++) {
      const full = this.partial + parts[i];
      const lineMeta = this.partialMeta ?? meta;
      this.partial = '';
      this.partialMeta = null;
      this.term.write(parts[i] + '\n', () => this.record(full, lineMeta));
    }
    const rest = parts[parts.length - 1];
    if (rest) {
      this.partialMeta ??= meta;
      this.partial += rest;
      this.term.write(rest);
    }
  }

  /** Ends a partial line (e.g. before the terminal prints its own status line). */
  endLine(): void {
    if (this.partial || this.partialMeta) this.write('\n', this.partialMeta ?? { kind: 'out' });
  }

  onLine(cb: (line: LineRecord) => void): IDisposable {
    this.listeners.add(cb);
    return { dispose: () => this.listeners.delete(cb) };
  }

  getLine(id: number): LineRecord | undefined {
    return this.lines.get(id);
  }

  allLines(): LineRecord[] {
    return [...this.lines.values()];
  }

  /** Highlights one recorded line; undefined if the line is gone or the alternate buffer is active. */
  decorateLine(lineId: number, d: LineDecoration): IDecoration | undefined {
    const line = this.lines.get(lineId);
    if (!line || line.marker.isDisposed) return undefined;
    const deco = this.term.registerDecoration({
      marker: line.marker,
      width: d.width ?? this.term.cols,
      layer: d.layer ?? 'bottom',
      anchor: d.anchor,
      x: d.x,
      overviewRulerOptions: d.rulerColor ? { color: d.rulerColor } : undefined,
    });
    deco?.onRender((el) => {
      if (d.className) el.classList.add(...d.className.split(/\s+/).filter(Boolean));
      if (d.title) el.title = d.title;
      if (d.onClick) {
        el.style.pointerEvents = 'auto';
        el.onclick = () => d.onClick?.(line);
      }
    });
    return deco;
  }

  /** Forgets every line (after the terminal is cleared). */
  reset(): void {
    for (const l of this.lines.values()) l.marker.dispose();
    this.lines.clear();
    this.partial = '';
    this.partialMeta = null;
  }

  private record(rawText: string, meta: LineMeta) {
    const buf = this.term.buffer.active;
    const cursorAbs = buf.baseY + buf.cursorY;
    let first = cursorAbs - 1;
    while (first > 0 && buf.getLine(first)?.isWrapped) first--;
    const marker = this.term.registerMarker(first - cursorAbs);
    if (!marker) return;
    // A carriage return redraws the line; the reader sees what came after the last one.
    const text = stripAnsi(rawText).split('\r').filter(Boolean).pop() ?? '';
    const rec: LineRecord = { id: this.nextId++, text, marker, meta };
    this.lines.set(rec.id, rec);
    marker.onDispose(() => this.lines.delete(rec.id));
    if (this.lines.size > this.maxLines) {
      const oldest = this.lines.keys().next().value;
      if (oldest !== undefined) this.lines.delete(oldest);
    }
    for (const cb of this.listeners) cb(rec);
  }
}
