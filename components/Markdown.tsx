'use client';
// Lesson Markdown: GitHub-flavoured, raw HTML dropped, external links open in a new tab without an opener.
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

const components: Components = {
  a(props) {
    const { href, children, node, ...rest } = props;
    void node;
    const external = typeof href === 'string' && /^https?:\/\//i.test(href);
    return external ? (
      <a href={href} target="_blank" rel="noopener noreferrer" {...rest}>
        {children}
        <span aria-hidden> ↗</span>
      </a>
    ) : (
      <a href={href} {...rest}>
        {children}
      </a>
    );
  },
  pre(props) {
    const { children, node, ...rest } = props;
    void node;
    return (
      <pre tabIndex={0} {...rest}>
        {children}
      </pre>
    );
  },
  table(props) {
    const { children, node, ...rest } = props;
    void node;
    return (
      <table tabIndex={0} {...rest}>
        {children}
      </table>
    );
  },
};

export function Markdown({ text }: { text: string }) {
  return (
    <div className="lesson-md">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
