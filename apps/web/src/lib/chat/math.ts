// Rewrites the four LaTeX delimiters models write (`$...$`, `$$...$$`, `\(...\)`, `\[...\]`) into
// the two remark-math understands, outside code, and makes every `$` that does not close into
// math literal: a price ("$5 and $10"), or math still being typed while a reply streams. So a
// half-written formula shows as plain text until its closing delimiter arrives, and nothing a
// model writes can make the rest of the reply disappear into an unclosed math block.
// Inline `$` pairs follow Pandoc's rule: the opening `$` has a non-space after it, the closing one
// a non-space before it and no digit after it, and a pair never crosses a blank line.

export interface NormalizedMath {
  text: string;
  /** Whether the text holds math, i.e. whether the KaTeX plugins are needed to render it. */
  math: boolean;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DISPLAY_LINE = /^ {0,3}\$\$\s*$/;
const ONE_LINE_DISPLAY = /^( {0,3})\$\$(.*\S.*?)\$\$\s*$/;

/** The index just past the paragraph `from` is in (its next blank line), or the end. */
function paragraphEnd(text: string, from: number): number {
  const blank = /\n[ \t]*\n/g;
  blank.lastIndex = from;
  const found = blank.exec(text);
  return found ? found.index : text.length;
}

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

/** Finds the `$` that closes an inline pair opened at `open`, or -1. */
function closingDollar(text: string, open: number, limit: number): number {
  if (isSpace(text[open + 1])) return -1;
  for (let i = open + 1; i < limit; i += 1) {
    const char = text[i];
    if (char === '\\') {
      i += 1;
      continue;
    }
    if (char !== '$') continue;
    if (text[i + 1] === '$') return -1;
    if (isSpace(text[i - 1]) || /\d/.test(text[i + 1] ?? '')) continue;
    // "$5 ... 8 dollars$": an amount followed by words is prose, not a formula.
    const body = text.slice(open + 1, i);
    if (/^\d/.test(body) && /\s[A-Za-z\u00C0-\u024F]{2,}/.test(body)) return -1;
    return i;
  }
  return -1;
}

/** Rewrites one run of prose (no fenced code or display blocks in it). */
function prose(text: string, found: { math: boolean }): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === '`') {
      // An inline code span is copied as it is; an unclosed run of backticks is literal.
      let run = 1;
      while (text[i + run] === '`') run += 1;
      const fence = '`'.repeat(run);
      let close = text.indexOf(fence, i + run);
      while (close !== -1 && text[close + run] === '`') {
        let skip = close;
        while (text[skip] === '`') skip += 1;
        close = text.indexOf(fence, skip);
      }
      const end = close === -1 ? i + run : close + run;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (char === '\\') {
      const next = text[i + 1];
      const limit = paragraphEnd(text, i);
      if (next === '(' || next === '[') {
        const closer = next === '(' ? '\\)' : '\\]';
        const close = text.indexOf(closer, i + 2);
        if (close !== -1 && close < limit && text.slice(i + 2, close).trim() !== '') {
          const body = text.slice(i + 2, close).trim();
          const lineStart = text.lastIndexOf('\n', i - 1) + 1;
          const atLineStart = text.slice(lineStart, i).trim() === '';
          found.math = true;
          if (next === '[' && atLineStart) {
            out += `$$\n${body}\n$$`;
            const rest = text.slice(close + 2);
            if (rest !== '' && !rest.startsWith('\n')) out += '\n';
          } else if (next === '[') {
            out += `$$${body}$$`;
          } else {
            out += `$${body}$`;
          }
          i = close + 2;
          continue;
        }
      }
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === '$') {
      const limit = paragraphEnd(text, i);
      if (text[i + 1] === '$') {
        const close = text.indexOf('$$', i + 2);
        if (close !== -1 && close < limit && text.slice(i + 2, close).trim() !== '') {
          found.math = true;
          out += text.slice(i, close + 2);
          i = close + 2;
        } else {
          out += '\\$\\$';
          i += 2;
        }
        continue;
      }
      const close = closingDollar(text, i, limit);
      if (close === -1) {
        out += '\\$';
        i += 1;
      } else {
        found.math = true;
        out += text.slice(i, close + 1);
        i = close + 1;
      }
      continue;
    }
    out += char;
    i += 1;
  }
  return out;
}

export function normalizeMath(text: string): NormalizedMath {
  // Cheap exit for the common reply with no delimiter at all.
  if (!text.includes('$') && !/\\[([]/.test(text)) return { text, math: false };
  const found = { math: false };
  const lines = text.split('\n');
  const out: string[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) out.push(prose(pending.join('\n'), found));
    pending = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const fence = FENCE.exec(line)?.[1];
    if (fence) {
      // Fenced code: copied untouched up to its closing fence (or the end, while streaming).
      flush();
      let end = index + 1;
      while (end < lines.length) {
        const closing = FENCE.exec(lines[end] as string)?.[1];
        if (
          closing &&
          closing[0] === fence[0] &&
          closing.length >= fence.length &&
          (lines[end] as string).trim() === closing
        ) {
          break;
        }
        end += 1;
      }
      out.push(lines.slice(index, end + 1).join('\n'));
      index = end;
      continue;
    }
    if (DISPLAY_LINE.test(line)) {
      let end = index + 1;
      while (end < lines.length && !DISPLAY_LINE.test(lines[end] as string)) end += 1;
      if (
        end < lines.length &&
        lines
          .slice(index + 1, end)
          .join('')
          .trim() !== ''
      ) {
        flush();
        found.math = true;
        out.push(lines.slice(index, end + 1).join('\n'));
        index = end;
        continue;
      }
      // No closing `$$` (yet): the opener stays literal instead of swallowing the rest.
      pending.push(line.replace('$$', '\\$\\$'));
      continue;
    }
    const oneLine = ONE_LINE_DISPLAY.exec(line);
    if (oneLine && !oneLine[2]?.includes('$$')) {
      flush();
      found.math = true;
      out.push(`${oneLine[1]}$$\n${oneLine[2]?.trim()}\n$$`);
      continue;
    }
    pending.push(line);
  }
  flush();
  return { text: out.join('\n'), math: found.math };
}
