import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { mathRehypePlugins, mathRemarkPlugins } from '~/components/markdown/math-plugins';
import { splitMarkdownBlocks } from './markdown-blocks';
import { normalizeMath } from './math';

// The same plugins the app loads for a reply with math, over the normalized text.
const html = (text: string) =>
  renderToStaticMarkup(
    createElement(
      ReactMarkdown,
      { remarkPlugins: mathRemarkPlugins, rehypePlugins: mathRehypePlugins, skipHtml: true },
      normalizeMath(text).text,
    ),
  );

describe('normalizeMath', () => {
  it('keeps $...$ and $$...$$ and rewrites \\(...\\) and \\[...\\]', () => {
    expect(normalizeMath('Area $\\pi r^2$ here')).toEqual({
      text: 'Area $\\pi r^2$ here',
      math: true,
    });
    expect(normalizeMath('so \\(a+b\\) holds').text).toBe('so $a+b$ holds');
    expect(normalizeMath('\\[\nE = mc^2\n\\]').text).toBe('$$\nE = mc^2\n$$');
    expect(normalizeMath('$$x^2$$').text).toBe('$$\nx^2\n$$');
    expect(normalizeMath('inline \\[x\\] too').text).toBe('inline $$x$$ too');
  });

  it('leaves prices and lone dollars literal', () => {
    const { text, math } = normalizeMath('It costs $5 and $10, or US$ 3.');
    expect(math).toBe(false);
    expect(text).toBe('It costs \\$5 and \\$10, or US\\$ 3.');
    expect(normalizeMath('From $5 to about 8 dollars$').math).toBe(false);
    expect(normalizeMath('Solve $2x = 4$ now').math).toBe(true);
  });

  it('never touches code', () => {
    const source = 'Use `$x$` and\n\n```sh\necho $HOME \\(x\\)\n```\n';
    expect(normalizeMath(source)).toEqual({ text: source, math: false });
  });

  it('makes half-typed math literal while it streams, at every prefix', () => {
    const full =
      'Euler: $e^{i\\pi}+1=0$ and\n\n$$\n\\int_0^1 x\\,dx = \\frac12\n$$\n\nthen \\(a\\) and \\[b\\].';
    for (let cut = 0; cut <= full.length; cut += 1) {
      const prefix = full.slice(0, cut);
      const rendered = html(prefix);
      // No KaTeX error ever shows, and no text after an unclosed delimiter is lost.
      expect(rendered).not.toContain('katex-error');
      expect(rendered).not.toContain('ParseError');
    }
    expect(normalizeMath('Euler: $e^{i').text).toBe('Euler: \\$e^{i');
    expect(normalizeMath('$$\n\\int_0').text).toBe('\\$\\$\n\\int_0');
    expect(normalizeMath('then \\(a').text).toBe('then \\(a');
  }, 120_000);
});

describe('math rendering', () => {
  it('renders each delimiter with KaTeX', () => {
    for (const source of ['$x^2$', '$$x^2$$', '\\(x^2\\)', '\\[x^2\\]', '$$\nx^2\n$$']) {
      const rendered = html(source);
      expect(rendered, source).toContain('class="katex"');
      expect(rendered, source).toContain(
        '<annotation encoding="application/x-tex">x^2</annotation>',
      );
    }
    expect(html('\\[x^2\\]')).toContain('katex-display');
    expect(html('a $x$ b')).not.toContain('katex-display');
  });

  it('does not render prices as math', () => {
    const rendered = html('Pay $5 today and $10 tomorrow.');
    expect(rendered).not.toContain('katex');
    expect(rendered).toContain('Pay $5 today and $10 tomorrow.');
  });

  it('keeps a display block whole when splitting into streaming blocks', () => {
    const text = normalizeMath('Before\n\n$$\na\n\nb\n$$\n\nAfter').text;
    expect(splitMarkdownBlocks(text)).toEqual(['Before\n\n', '$$\na\n\nb\n$$\n\n', 'After']);
  });

  it('refuses KaTeX commands that could reach outside the formula', () => {
    const rendered = html('$\\href{javascript:alert(1)}{x}$');
    expect(rendered).not.toMatch(/href=/);
    expect(rendered).toContain('katex');
  });
});
