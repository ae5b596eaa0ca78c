import { describe, expect, it } from 'vitest';
import { MAX_ALIASES, MAX_LESSON_BYTES, formatLessonError, validateLessonSource, type LessonError } from './validate';

const FILE = 'lessons/99-test/lesson.yaml';

// A small valid lesson; tests break one thing at a time. Line numbers below refer to this text.
const GOOD = `format: cni-lab/v1
id: test-lesson
order: 5
title: { en: Title, ja: タイトル }
summary: { en: Summary, ja: 概要 }
files:
  - name: kind.yaml
    title: { en: Config, ja: 設定 }
    editable: true
    validator: kind-config
steps:
  - id: first
    title: { en: First, ja: 最初 }
    body: first
    files: [kind.yaml]
    commands:
      - id: create
        run: kind create cluster --config kind.yaml --name test
  - id: second
    title: { en: Second, ja: 二番目 }
    body: second
    commands:
      - id: gen
        run: kubectl run nginx --image=nginx --generator=run-pod/v1
        expectFailure: true
`;

function errorsOf(text: string): LessonError[] {
  const r = validateLessonSource(FILE, text);
  if (r.ok) throw new Error('expected validation to fail');
  return r.errors;
}

describe('validateLessonSource', () => {
  it('accepts a valid lesson and applies defaults', () => {
    const r = validateLessonSource(FILE, GOOD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lesson.steps.map((s) => s.id)).toEqual(['first', 'second']);
    expect(r.lesson.steps[1].commands[0].expectFailure).toBe(true);
    expect(r.lesson.steps[0].commands[0].expectFailure).toBe(false);
    expect(r.lesson.files[0].language).toBe('yaml');
  });

  it('reports a wrong type at the value, with file:line:column: field', () => {
    const text = GOOD.replace('run: kind create cluster --config kind.yaml --name test', 'run: 42');
    const [e, ...rest] = errorsOf(text);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ file: FILE, line: 18, column: 14, field: 'steps[0].commands[0].run' });
    expect(formatLessonError(e)).toBe(
      `${FILE}:18:14: steps[0].commands[0].run: Invalid input: expected string, received number`,
    );
  });

  it('reports missing Japanese text at the parent key', () => {
    const text = GOOD.replace('title: { en: Second, ja: 二番目 }', 'title:\n      en: Second');
    const errs = errorsOf(text);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 20, column: 5, field: 'steps[1].title.ja' });
    expect(errs[0].message).toContain('expected string, received undefined');
  });

  it('reports an empty Japanese text', () => {
    const errs = errorsOf(GOOD.replace('ja: 概要', "ja: ''"));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 5, field: 'summary.ja' });
  });

  it('reports a duplicate step id at the second one', () => {
    const errs = errorsOf(GOOD.replace('  - id: second', '  - id: first'));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 19, column: 9, field: 'steps[1].id', message: 'duplicate step id "first"' });
  });

  it('reports a step referring to an undeclared file', () => {
    const errs = errorsOf(GOOD.replace('files: [kind.yaml]', 'files: [kind.yaml, other.yaml]'));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 15, column: 24, field: 'steps[0].files[1]' });
    expect(errs[0].message).toContain('unknown file "other.yaml"');
  });

  it('reports an unknown field at its key', () => {
    const errs = errorsOf(GOOD.replace('    body: second\n', '    body: second\n    bodyy: typo\n'));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 22, column: 5, field: 'steps[1].bodyy', message: 'Unrecognized key: "bodyy"' });
  });

  it('reports a wrong format version', () => {
    const errs = errorsOf(GOOD.replace('format: cni-lab/v1', 'format: cni-lab/v2'));
    expect(errs[0]).toMatchObject({ line: 1, column: 9, field: 'format' });
  });

  it('reports several problems sorted by line', () => {
    const text = GOOD.replace('order: 5', 'order: five').replace('body: second', 'body: Second!');
    const errs = errorsOf(text);
    expect(errs.map((e) => e.field)).toEqual(['order', 'steps[1].body']);
    expect(errs.map((e) => e.line)).toEqual([3, 21]);
  });

  it('refuses an alias bomb before expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const errs = errorsOf(bomb);
    expect(errs).toHaveLength(1);
    expect(errs[0].message).toBe(`too many YAML aliases (27; the limit is ${MAX_ALIASES})`);
    // The ninth alias is the first one over the limit: line 2, the ninth `*a`.
    expect(errs[0]).toMatchObject({ line: 2, column: 40 });
  });

  it('allows a few aliases', () => {
    const text = GOOD.replace('title: { en: Title, ja: タイトル }', 'title: &t { en: Title, ja: タイトル }').replace(
      'title: { en: First, ja: 最初 }',
      'title: *t',
    );
    expect(validateLessonSource(FILE, text).ok).toBe(true);
  });

  it('refuses more than one document', () => {
    const errs = errorsOf(`${GOOD}---\nformat: cni-lab/v1\n`);
    expect(errs).toEqual([
      { file: FILE, line: 26, column: 1, field: '', message: 'expected one YAML document, found 2' },
    ]);
  });

  it('refuses a document over 256 KiB', () => {
    const errs = errorsOf(`${GOOD}# ${'x'.repeat(MAX_LESSON_BYTES)}\n`);
    expect(errs[0].message).toMatch(/the limit is 262144$/);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    const dup = errorsOf(GOOD.replace('order: 5', 'order: 5\norder: 6'));
    expect(dup[0]).toMatchObject({ line: 4, column: 1, message: 'YAML: Map keys must be unique' });
    const broken = errorsOf(GOOD.replace('body: first', 'body: [first'));
    expect(broken[0].message).toMatch(/^YAML: /);
    expect(broken[0].line).toBeGreaterThanOrEqual(14);
  });

  it('refuses an empty file', () => {
    expect(errorsOf('')[0].message).toBe('the file is empty');
  });
});
