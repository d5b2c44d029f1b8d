import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { highlightCode } from './highlight-core';
import { toElements } from './highlighted-code';
import { baseRehypePlugins, baseRemarkPlugins } from './pipeline';

// The `<code>` element of a fenced block as the server-side pipeline renders it (rehype-highlight;
// the code block around it, which needs translations, left out).
function pipelineCode(block: string): string {
  const html = renderToStaticMarkup(
    createElement(
      ReactMarkdown,
      { remarkPlugins: baseRemarkPlugins, rehypePlugins: baseRehypePlugins, skipHtml: true },
      block,
    ),
  );
  return /<code[^>]*>[\s\S]*<\/code>/.exec(html)?.[0] ?? '';
}

// The same element as the app renders it once the worker has answered (highlighted-code.tsx).
function workerCode(language: string, text: string): string {
  const highlighted = highlightCode(language, text);
  return renderToStaticMarkup(
    createElement(
      'code',
      { className: `hljs language-${language}` },
      ...(highlighted ? toElements(highlighted) : [text]),
    ),
  );
}

describe('highlightCode', () => {
  it('highlights a block exactly as the server-side pipeline does', () => {
    const blocks: [string, string][] = [
      ['ts', "export function step(text: string): string[] {\n  return text.split('\\n');\n}\n"],
      ['python', 'def f(x):\n    """Doc <b>&amp;</b>"""\n    return x * 2  # twice\n'],
      ['bash', 'echo "$HOME" | grep -v \'#\' > out.txt\n'],
      ['json', '{"a": [1, 2.5, true, null], "b": "<script>"}\n'],
      ['html', '<div class="x">&lt;hi&gt;</div>\n'],
    ];
    for (const [language, text] of blocks) {
      const expected = pipelineCode(`\`\`\`${language}\n${text}\`\`\`\n`);
      expect(expected).toContain('hljs-');
      expect(workerCode(language, text)).toBe(expected);
    }
  });

  it('leaves code in a language it does not know as it is', () => {
    const text = 'some <plain> & text\n';
    expect(highlightCode('no-such-language', text)).toBeNull();
    expect(workerCode('no-such-language', text)).toBe(
      pipelineCode(`\`\`\`no-such-language\n${text}\`\`\`\n`),
    );
  });
});
