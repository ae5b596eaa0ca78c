// Command-line history for the terminal prompt (↑/↓), like a shell's: newest last, no adjacent duplicates,
// and the line being typed is kept while browsing.
export class RunHistory {
  private items: string[];
  private index: number;
  private draft = '';

  constructor(
    initial: string[] = [],
    private readonly max = 100,
  ) {
    this.items = initial.slice(-max);
    this.index = this.items.length;
  }

  get entries(): readonly string[] {
    return this.items;
  }

  push(line: string): void {
    const v = line.trim();
    if (v && this.items[this.items.length - 1] !== v) this.items.push(v);
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
    this.index = this.items.length;
    this.draft = '';
  }

  /** The entry before the current one; `current` is what the prompt shows now. Null at the oldest entry. */
  up(current: string): string | null {
    if (this.index === 0) return null;
    if (this.index === this.items.length) this.draft = current;
    this.index--;
    return this.items[this.index];
  }

  /** The entry after the current one, then the saved draft. Null when already at the draft. */
  down(): string | null {
    if (this.index >= this.items.length) return null;
    this.index++;
    return this.index === this.items.length ? this.draft : this.items[this.index];
  }
}

const KEY = 'cnilab:history';

export function loadHistory(storage: Pick<Storage, 'getItem'> | undefined): string[] {
  try {
    const v = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length <= 4096) : [];
  } catch {
    return [];
  }
}

export function saveHistory(storage: Pick<Storage, 'setItem'> | undefined, entries: readonly string[]): void {
  try {
    storage?.setItem(KEY, JSON.stringify(entries));
  } catch {
    // storage full or disabled: history simply does not persist
  }
}
