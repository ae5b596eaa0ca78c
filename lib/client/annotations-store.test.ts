import { describe, expect, it } from 'vitest';
import { AnnotationStore, MAX_ANNOTATIONS } from './annotations-store';
import type { Annotation } from './annotations';

const ann = (key: string, lineId: number, topic = 'node-not-ready'): Annotation => ({ key, job: 1, line: lineId, topic, text: `line ${lineId}`, lineId });

describe('AnnotationStore', () => {
  it('adds each key once and counts new lines for the announcement', () => {
    const s = new AnnotationStore();
    let calls = 0;
    s.subscribe(() => calls++);
    s.add([ann('1:1:a', 1), ann('1:1:b', 1, 'network-plugin-not-ready')]);
    s.add([ann('1:1:a', 1)]);
    expect(s.getSnapshot().annotations.map((a) => a.key)).toEqual(['1:1:a', '1:1:b']);
    expect(s.getSnapshot().added).toBe(1);
    expect(calls).toBe(1);
    s.add(Array.from({ length: MAX_ANNOTATIONS + 5 }, (_, i) => ann(`k${i}`, i + 10)));
    expect(s.getSnapshot().annotations).toHaveLength(MAX_ANNOTATIONS);
  });

  it('opens, chains through Related, goes Back and closes', () => {
    const s = new AnnotationStore();
    s.add([ann('1:4:node-not-ready', 4)]);
    s.openAnnotation('1:4:node-not-ready');
    expect(s.getSnapshot().open).toEqual({ topic: 'node-not-ready', quote: 'line 4', annotationKey: '1:4:node-not-ready' });
    s.openRelated('network-plugin-not-ready');
    s.openRelated('cni-config-missing');
    expect(s.getSnapshot().trail.map((o) => o.topic)).toEqual(['node-not-ready', 'network-plugin-not-ready']);
    s.back();
    expect(s.getSnapshot().open?.topic).toBe('network-plugin-not-ready');
    s.back();
    expect(s.getSnapshot().open?.quote).toBe('line 4');
    s.back();
    expect(s.getSnapshot().open?.topic).toBe('node-not-ready');
    s.close();
    expect(s.getSnapshot().open).toBeNull();
    s.openAnnotation('missing');
    expect(s.getSnapshot().open).toBeNull();
  });
});
