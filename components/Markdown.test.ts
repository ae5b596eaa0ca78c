// Server-renders the lesson Markdown component (react-dom/server; no browser needed).
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Markdown } from './Markdown';

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe('Markdown', () => {
  it('drops raw HTML and scripts', () => {
    const html = render('hi <img src=x onerror=alert(1)> <script>alert(1)</script>\n\n<div>block</div>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('<div>block');
  });

  it('opens external links in a new tab without an opener, keeps relative links', () => {
    const html = render('[kind](https://kind.sigs.k8s.io/) and [lesson 2](/lessons/fix-with-a-cni)');
    expect(html).toContain('href="https://kind.sigs.k8s.io/" target="_blank" rel="noopener noreferrer"');
    expect(html).toMatch(/<a href="\/lessons\/fix-with-a-cni">lesson 2<\/a>/);
  });

  it('neutralises javascript: links', () => {
    expect(render('[x](javascript:alert(1))')).not.toContain('javascript:');
  });

  it('renders GFM tables and code blocks', () => {
    const html = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n```yaml\nkind: Cluster\n```');
    expect(html).toContain('<table');
    expect(html).toContain('<td>1</td>');
    expect(html).toMatch(/<pre tabindex="0"><code class="language-yaml">kind: Cluster\n<\/code><\/pre>/);
  });
});
