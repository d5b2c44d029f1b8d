import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import ReactMarkdown from 'react-markdown';
import { describe, expect, it } from 'vitest';
import { baseRehypePlugins, baseRemarkPlugins } from '~/components/markdown/pipeline';
import {
  MOUNT_CHARS,
  mountStart,
  nextMounted,
  openFence,
  splitAppended,
  splitMarkdownBlocks,
} from './markdown-blocks';
import { normalizeMath } from './math';

describe('splitMarkdownBlocks', () => {
  it('splits paragraphs at blank lines and keeps every character', () => {
    const text = '# Title\n\nFirst paragraph\nstill first.\n\nSecond.';
    const blocks = splitMarkdownBlocks(text);
    expect(blocks).toEqual(['# Title\n\n', 'First paragraph\nstill first.\n\n', 'Second.']);
    expect(blocks.join('')).toBe(text);
  });

  it('never splits inside a fenced code block, even at blank lines', () => {
    const text = 'Code:\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter.';
    expect(splitMarkdownBlocks(text)).toEqual([
      'Code:\n\n',
      '```js\nconst a = 1;\n\nconst b = 2;\n```\n\n',
      'After.',
    ]);
  });

  it('keeps an unfinished fence (still streaming) in the last block', () => {
    const text = 'Intro\n\n```py\nprint(1)\n\nprint(2)';
    expect(splitMarkdownBlocks(text).at(-1)).toBe('```py\nprint(1)\n\nprint(2)');
  });

  it('keeps indented continuations of a list item with the list', () => {
    const text = '- one\n\n  more about one\n- two\n\nDone.';
    expect(splitMarkdownBlocks(text)).toEqual(['- one\n\n  more about one\n- two\n\n', 'Done.']);
  });

  it('leaves earlier blocks unchanged as text is appended', () => {
    const whole = 'A\n\nB\n\nC growing';
    const before = splitMarkdownBlocks(whole.slice(0, 8));
    const after = splitMarkdownBlocks(whole);
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1));
  });
});

// Text as a model streams it: fences (one holding blank lines), lists with indented
// continuations, a table, display and inline math in each of its spellings, and prices.
const STREAMED = [
  '# Plan\n\nIt costs $5 and $10, so $x^2$ and \\(y\\) hold.\n\n',
  '- one\n\n  more about one\n- two\n\n',
  '```ts\nconst a = 1;\n\nconst b = `$x$`;\n```\n\n',
  '| a | b |\n| --- | --- |\n| 1 | 2 |\n\n',
  '$$\n\\int_0^1 x\\,dx\n\n= \\frac12\n$$\n\n\\[\nE = mc^2\n\\]\n\n$$a+b$$\n\nDone.\n',
].join('');

describe('splitAppended', () => {
  it('gives the same blocks as splitting the whole text, at every prefix as it streams', () => {
    let split = null;
    for (let cut = 0; cut <= STREAMED.length; cut += 1) {
      const prefix = STREAMED.slice(0, cut);
      split = splitAppended(split, prefix);
      expect(split.blocks).toEqual(splitMarkdownBlocks(prefix));
    }
  });

  it('reuses the finished blocks as they are and splits again a text that did not grow', () => {
    const first = splitAppended(null, 'A\n\nB\n\nC');
    const grown = splitAppended(first, 'A\n\nB\n\nC and more');
    expect(grown.blocks[0]).toBe(first.blocks[0]);
    expect(grown.blocks).toEqual(['A\n\n', 'B\n\n', 'C and more']);
    expect(splitAppended(grown, 'Other\n\ntext').blocks).toEqual(['Other\n\n', 'text']);
  });
});

describe('math normalized block by block', () => {
  it('matches normalizing the whole text, at every prefix as it streams', () => {
    for (let cut = 0; cut <= STREAMED.length; cut += 1) {
      const prefix = STREAMED.slice(0, cut);
      const blocks = splitMarkdownBlocks(prefix).map(normalizeMath);
      const whole = normalizeMath(prefix);
      expect(blocks.map((block) => block.text).join('')).toBe(whole.text);
      expect(blocks.some((block) => block.math)).toBe(whole.math);
    }
  });
});

describe('openFence', () => {
  // The `<code>` element the app's pipeline renders for a block, with its highlighting taken off.
  const pipelineCode = (block: string) => {
    const html = renderToStaticMarkup(
      createElement(
        ReactMarkdown,
        { remarkPlugins: baseRemarkPlugins, rehypePlugins: baseRehypePlugins, skipHtml: true },
        block,
      ),
    );
    const code = /<code( class="[^"]*")?>([\s\S]*)<\/code>/.exec(html);
    return code && { className: code[1] ?? '', text: code[2]?.replace(/<[^>]+>/g, '') };
  };
  const plainCode = (block: string) => {
    const fence = openFence(block);
    if (!fence) return null;
    const html = renderToStaticMarkup(
      createElement(
        'code',
        { className: fence.language ? `hljs language-${fence.language}` : undefined },
        fence.code ? `${fence.code}\n` : '',
      ),
    );
    return /<code( class="[^"]*")?>([\s\S]*)<\/code>/.exec(html);
  };

  it('renders a code block still being written as the pipeline would, unhighlighted', () => {
    for (const full of [
      '```ts\nexport function step(text: string) {\n  return text.split("\\n");\n}\n',
      '  ~~~~ python extra words\n    indented()\n  less\n\n\nafter_blank_lines = 1\n',
      '```\nno language <b>&amp;</b>\n',
      '```ts\na {\n\n  \n \n\nb\n',
    ]) {
      for (let cut = full.indexOf('\n') + 1; cut <= full.length; cut += 1) {
        const block = full.slice(0, cut);
        const plain = plainCode(block);
        const expected = pipelineCode(block);
        expect(plain?.[1] ?? '').toBe(expected?.className);
        expect(plain?.[2]).toBe(expected?.text);
      }
    }
  });

  it('is null for a closed fence, an opener still being typed, and other blocks', () => {
    expect(openFence('```ts\nconst a = 1;\n```\n\n')).toBeNull();
    expect(openFence('```ts\nconst a = 1;\n````')).toBeNull();
    expect(openFence('```typesc')).toBeNull();
    expect(openFence('``` `inline` ```\nmore')).toBeNull();
    expect(openFence('Text\n```ts\ncode')).toBeNull();
    expect(openFence('~~~\na\n```\n')).toEqual({ language: null, code: 'a\n```' });
  });
});

describe('nextMounted', () => {
  const paragraph = (index: number) => `Paragraph ${index}: ${'word '.repeat(40)}\n\n`;
  const text = (count: number) => Array.from({ length: count }, (_, i) => paragraph(i)).join('');

  it('mounts a text that arrives whole from its tail, about MOUNT_CHARS of it', () => {
    const whole = splitMarkdownBlocks(text(200));
    const next = nextMounted({ blocks: [], from: 0 }, whole);
    expect(next.from).toBe(mountStart(whole, whole.length));
    expect(next.from).toBeGreaterThan(150);
    const mountedChars = whole.slice(next.from).join('').length;
    expect(mountedChars).toBeGreaterThanOrEqual(MOUNT_CHARS);
    expect(mountedChars).toBeLessThan(MOUNT_CHARS + paragraph(199).length);
  });

  it('keeps every mounted block of a text that grew at its end by more than MOUNT_CHARS', () => {
    // A streaming reply on a busy machine: many blocks arrive between two renders. Starting
    // again from the tail took the blocks above off the page, under a reader following it.
    const before = splitAppended(null, text(20));
    const after = splitAppended(before, text(200));
    expect(after.blocks.slice(0, 19)).toEqual(before.blocks.slice(0, 19));
    const mounted = { blocks: before.blocks, from: 0 };
    expect(nextMounted(mounted, after.blocks).from).toBe(0);
    // Still mounting from the tail (reopened mid-stream): the blocks mounted so far stay.
    expect(nextMounted({ blocks: before.blocks, from: 12 }, after.blocks).from).toBe(12);
  });

  it('mounts a text that replaced another from its tail, and keeps a shrunk one mounted', () => {
    const first = splitMarkdownBlocks(text(20));
    const other = splitMarkdownBlocks(`Another reply.\n\n${text(200)}`);
    expect(nextMounted({ blocks: first, from: 0 }, other).from).toBe(
      mountStart(other, other.length),
    );
    const shorter = splitMarkdownBlocks(text(5));
    expect(nextMounted({ blocks: first, from: 3 }, shorter).from).toBe(3);
    const same = { blocks: first, from: 0 };
    expect(nextMounted(same, [...first])).toBe(same);
  });
});
