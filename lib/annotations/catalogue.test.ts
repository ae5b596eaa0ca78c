// The catalogue itself: schema, generated module, every example and counterexample, links, languages.
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.generated';
import { GENERATED_FILE, renderCatalogueModule } from './build-catalogue';
import { ANNOTATIONS_DIR, CatalogueError, loadCatalogueDir, parseTopicFile } from './load';
import { compileCatalogue, matchLine } from './matcher';
import { explain } from './explain';
import { isPinnedUrl } from './schema';

const PUBLIC_IDS = [
  'network-plugin-not-ready', 'network-not-ready-pod', 'cni-config-missing', 'untolerated-taint-not-ready',
  'untolerated-taint-control-plane', 'untolerated-taint-generic', 'node-not-ready', 'pod-pending', 'coredns-pending',
  'cni-binary-missing', 'sandbox-network-setup-failed', 'unknown-flag-generator', 'apiserver-unreachable',
  'docker-daemon-unreachable', 'kind-cluster-exists', 'kind-create-failed', 'kind-no-clusters',
  'container-creating-network', 'kubectl-context-missing', 'kubectl-plugin-missing',
];

describe('catalogue files', () => {
  it('loads every annotations/*.yaml through the schema and has every public topic id', () => {
    const topics = loadCatalogueDir();
    expect(topics.map((t) => t.id).sort()).toEqual([...PUBLIC_IDS].sort());
  });

  it('the generated module is up to date (run: npx tsx lib/annotations/build-catalogue.ts)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(renderCatalogueModule());
  });

  it('every related / supersedes / also id names an existing topic, and none names itself', () => {
    const ids = new Set(CATALOGUE.map((t) => t.id));
    for (const t of CATALOGUE) {
      for (const r of [...t.related, ...t.supersedes, ...t.examples.flatMap((e) => e.also ?? [])]) {
        expect(ids.has(r), `${t.id} → ${r}`).toBe(true);
        expect(r, `${t.id} refers to itself`).not.toBe(t.id);
      }
    }
  });

  it('every source link is pinned (tag, commit, issue/PR or docs page)', () => {
    for (const t of CATALOGUE) for (const s of t.sources) expect(isPinnedUrl(s.url), `${t.id}: ${s.url}`).toBe(true);
    expect(isPinnedUrl('https://github.com/containerd/go-cni/blob/main/errors.go')).toBe(false);
    expect(isPinnedUrl('https://github.com/containerd/go-cni/blob/v1.1.13/errors.go#L24')).toBe(true);
  });

  it('never attributes the /etc/cni/net.d directory or "not initialized" to the CNI SPEC', () => {
    for (const t of CATALOGUE)
      for (const s of t.sources.filter((x) => x.url.includes('SPEC.md')))
        expect(s.label, `${t.id}: ${s.label}`).not.toMatch(/net\.d|not initialized/);
  });

  it('Japanese explanations are in です/ます form and English ones are not Japanese', () => {
    for (const t of CATALOGUE)
      for (const f of ['means', 'why', 'fix'] as const) {
        expect(t[f].ja, `${t.id}.${f}.ja`).toMatch(/(です|ます|ません|でした|ました|ください)/);
        expect(t[f].en, `${t.id}.${f}.en`).not.toMatch(/[\u3040-\u30ff]/);
      }
  });

  it('explain() gives the topic in the requested language with titled related topics', () => {
    const en = explain('node-not-ready', 'en')!;
    const ja = explain('node-not-ready', 'ja')!;
    expect(en.title).toBe('Node NotReady');
    expect(ja.title).toBe('ノードが NotReady');
    expect(en.related.map((r) => r.id)).toEqual(['network-plugin-not-ready', 'untolerated-taint-not-ready']);
    expect(ja.related[0].title).toMatch(/ランタイム/);
    expect(en.sources.length).toBeGreaterThan(0);
    expect(explain('no-such-topic', 'en')).toBeUndefined();
  });
});

describe.each(CATALOGUE.map((t) => [t.id, t] as const))('topic %s', (_id, t) => {
  it.each(t.examples.map((e) => [e.text, e] as const))('tags example %s', (_text, ex) => {
    expect(ex.source).toBeTruthy();
    expect(matchLine(ex.text).sort()).toEqual([t.id, ...(ex.also ?? [])].sort());
  });
  if (t.counterexamples.length)
    it.each(t.counterexamples.map((e) => [e.text] as const))('leaves counterexample untagged: %s', (text) => {
      expect(matchLine(text)).toEqual([]);
    });
  it('each pattern matches at least one example and its pre-filter literal is in every line it matches', () => {
    const c = compileCatalogue();
    const mine = c.patterns.filter((p) => p.topic === t.id);
    const all = CATALOGUE.flatMap((x) => [...x.examples, ...x.counterexamples]).map((e) => e.text);
    for (const p of mine) {
      expect(t.examples.some((e) => p.re.test(e.text)), `${t.id}: /${p.re.source}/ matches no example`).toBe(true);
      for (const line of all) if (p.re.test(line)) expect(line, `/${p.re.source}/`).toContain(p.contains);
    }
  });
});

describe('schema errors name the file and the field', () => {
  const good = readFileSync(path.join(ANNOTATIONS_DIR, 'kind-no-clusters.yaml'), 'utf8');

  it('a missing Japanese text', () => {
    const bad = good.replace(/(^fix:\n  en: >-\n.*\n)  ja: >-\n.*\n/m, '$1');
    expect(bad).not.toBe(good);
    const r = parseTopicFile('kind-no-clusters.yaml', bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual(expect.stringMatching(/^kind-no-clusters\.yaml: fix\.ja: /));
  });

  it('an invalid regex, an unpinned link, a bad sample source and an unknown field', () => {
    const bad = good
      .replace("regex: '^No kind clusters found\\.$'", "regex: '^No kind (clusters'")
      .replace('https://github.com/kubernetes-sigs/kind/blob/v0.32.0/', 'https://github.com/kubernetes-sigs/kind/blob/main/')
      .replace("source: 'derived: kind get clusters with one cluster'", 'source: somewhere')
      .replace('priority: 30', 'priority: 30\ncolour: red');
    const r = parseTopicFile('kind-no-clusters.yaml', bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.problems.join('\n');
    expect(text).toMatch(/kind-no-clusters\.yaml: patterns\.0\.regex: not a valid regex/);
    expect(text).toMatch(/kind-no-clusters\.yaml: sources\.0\.url: https URL pinned/);
    expect(text).toMatch(/kind-no-clusters\.yaml: counterexamples\.0\.source: /);
    expect(text).toMatch(/kind-no-clusters\.yaml: \(top level\): .*colour/);
  });

  it('a directory with a broken file, a mismatched id and a dangling related id fails with every problem listed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'annotations-'));
    try {
      writeFileSync(path.join(dir, 'kind-no-clusters.yaml'), good.replace('related: [kubectl-context-missing]', 'related: [does-not-exist]'));
      writeFileSync(path.join(dir, 'other-name.yaml'), good);
      writeFileSync(path.join(dir, 'broken.yaml'), 'id: broken\ntitle: [unclosed\n');
      let err: unknown;
      try {
        loadCatalogueDir(dir);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CatalogueError);
      const problems = (err as CatalogueError).problems.join('\n');
      expect(problems).toMatch(/broken\.yaml: YAML: /);
      expect(problems).toMatch(/other-name\.yaml: id "kind-no-clusters" does not match the file name/);
      expect(problems).toMatch(/other-name\.yaml: duplicate id "kind-no-clusters"/);
      expect(problems).toMatch(/kind-no-clusters\.yaml: related names unknown topic "does-not-exist"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
