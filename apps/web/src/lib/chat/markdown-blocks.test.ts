import { describe, expect, it } from 'vitest';
import { splitMarkdownBlocks } from './markdown-blocks';

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
