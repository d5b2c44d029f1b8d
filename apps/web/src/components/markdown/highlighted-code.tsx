// Code blocks of replies in the app, highlighted off the main thread: a block shows its code as
// plain text at once, and its highlighting when the worker (highlight-worker.ts) answers. The
// result looks exactly like the server-side pipeline's (rehype-highlight); only when it arrives
// differs. Highlighting on the main thread cost a long reply's first code block of each language
// well over a frame on a slow phone (highlight.js sets up its grammars, then compiles the
// language), and every block its share of each frame after that.
// Results are kept by language and text, so a block that mounts again shows highlighted at once.
// Without a worker (it failed to start), the same code runs on the main thread, loaded on demand.
'use client';

import {
  type ComponentProps,
  createElement,
  type ReactNode,
  useEffect,
  useMemo,
  useState,
} from 'react';
import type { ExtraProps } from 'react-markdown';
import { CodeBlock } from './code-block';
import { type HastLike, languageOf, textOf } from './components';
import type { Highlighted } from './highlight-core';
import type { HighlightAnswer, HighlightRequest } from './highlight-worker';

type Listener = (highlighted: Highlighted | null) => void;

const results = new Map<string, Highlighted | null>();
const listeners = new Map<string, Set<Listener>>();
const requested = new Set<string>();
let queue: HighlightRequest[] = [];
let worker: Worker | null | undefined;

/** Blocks re-rendered with their highlighting per frame, at most. */
const SHOWN_PER_FRAME = 4;
/** Blocks on screen whose highlighting has arrived, waiting for a frame to show it. */
let showing: Array<() => void> = [];
let showFrame = 0;

/**
 * Shows arrived highlighting a few blocks per frame: a batch of many blocks (the worker starting
 * up while a reply streams, a reloaded reply mounting) would otherwise be re-rendered, styled
 * and laid out all in one task. At normal priority, not in a transition: rendered with the
 * stream's own update of the frame. (A transition was interrupted by every frame of a streaming
 * reply, waited until React stopped deferring it, and then rendered every block waiting
 * meanwhile in one task.)
 */
function showSome(): void {
  showFrame = 0;
  const now = showing.slice(0, SHOWN_PER_FRAME);
  showing = showing.slice(SHOWN_PER_FRAME);
  for (const show of now) show();
  if (showing.length > 0) showFrame = requestAnimationFrame(showSome);
}

function answer({ key, highlighted }: HighlightAnswer): void {
  // Kept at once: a block that mounts from now on shows it from its first render.
  results.set(key, highlighted);
  requested.delete(key);
  for (const listener of listeners.get(key) ?? []) showing.push(() => listener(highlighted));
  listeners.delete(key);
  if (showing.length > 0 && showFrame === 0) showFrame = requestAnimationFrame(showSome);
}

/** The blocks still waiting, highlighted on the main thread (one per task) when the worker failed. */
function highlightHere(requests: HighlightRequest[]): void {
  import('./highlight-core').then(
    ({ highlightCode }) => {
      const next = (index: number) => {
        const request = requests[index];
        if (!request) return;
        let highlighted: Highlighted | null = null;
        try {
          highlighted = highlightCode(request.language, request.text);
        } catch {
          // A grammar that fails on this text: the block stays plain.
        }
        answer({ key: request.key, highlighted });
        setTimeout(() => next(index + 1));
      };
      next(0);
    },
    // Offline: the blocks stay plain.
    () => {
      for (const request of requests) answer({ key: request.key, highlighted: null });
    },
  );
}

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./highlight-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<HighlightAnswer[]>) => {
      for (const item of event.data) answer(item);
    };
    worker.onerror = () => {
      worker?.terminate();
      worker = null;
      const waiting = [...requested].map((key) => {
        const [language = '', ...text] = key.split('\n');
        return { key, language, text: text.join('\n') };
      });
      highlightHere(waiting);
    };
  } catch {
    worker = null;
  }
  return worker;
}

/** Starts the worker (fetching and setting up highlight.js) before the first code block needs it. */
export function warmHighlighter(): void {
  startWorker();
}

function flush(): void {
  const batch = queue;
  queue = [];
  const target = startWorker();
  if (target) target.postMessage(batch);
  else highlightHere(batch);
}

function request(key: string, language: string, text: string, listener: Listener): () => void {
  let set = listeners.get(key);
  if (!set) {
    set = new Set();
    listeners.set(key, set);
  }
  set.add(listener);
  if (!requested.has(key)) {
    requested.add(key);
    // The blocks a render mounts go to the worker together, in one message.
    if (queue.length === 0) setTimeout(flush);
    queue.push({ key, language, text });
  }
  return () => {
    set.delete(listener);
  };
}

/** A block's highlighting: null while the worker works on it, and for code it leaves plain. */
function useHighlighted(language: string | null, text: string): Highlighted | null {
  const key = language ? `${language}\n${text}` : '';
  const [state, setState] = useState(() => ({ key, value: results.get(key) ?? null }));
  useEffect(() => {
    if (!language) return;
    const known = results.get(key);
    if (known !== undefined) {
      setState((current) =>
        current.key === key && current.value === known ? current : { key, value: known },
      );
      return;
    }
    return request(key, language, text, (value) => setState({ key, value }));
  }, [key, language, text]);
  return state.key === key ? state.value : (results.get(key) ?? null);
}

const elements = new WeakMap<Highlighted, ReactNode[]>();

/** React elements for highlighted code (kept per result, so a block that mounts again reuses them). */
export function toElements(nodes: Highlighted): ReactNode[] {
  let kept = elements.get(nodes);
  if (!kept) {
    kept = nodes.map((node, index) =>
      typeof node === 'string'
        ? node
        : createElement(
            'span',
            { key: index, className: node.className || undefined },
            ...toElements(node.children),
          ),
    );
    elements.set(nodes, kept);
  }
  return kept;
}

function HighlightedCode({ language, text }: { language: string | null; text: string }) {
  const highlighted = useHighlighted(language, text);
  const children = useMemo(
    () => (highlighted ? toElements(highlighted) : text),
    [highlighted, text],
  );
  // The classes rehype-highlight gives a block with a language, highlighted or not.
  return <code className={language ? `hljs language-${language}` : undefined}>{children}</code>;
}

/** The `pre` of the app's Markdown: the code block, its code highlighted by the worker. */
export function HighlightedPre({ node, children }: ComponentProps<'pre'> & ExtraProps) {
  const hast = node as HastLike | undefined;
  const code = hast?.children?.find((child) => child.tagName === 'code');
  if (!code) return <pre>{children}</pre>;
  const language = languageOf(hast);
  const text = textOf(code);
  return (
    <CodeBlock language={language} code={text.replace(/\n$/, '')}>
      <HighlightedCode language={language} text={text} />
    </CodeBlock>
  );
}
