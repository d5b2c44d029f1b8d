// The worker that highlights replies' code blocks (highlight-core.ts) for highlighted-code.tsx:
// it receives a batch of blocks and answers with their highlighting, in the same order.
import { type Highlighted, highlightCode } from './highlight-core';

export interface HighlightRequest {
  key: string;
  language: string;
  text: string;
}

export interface HighlightAnswer {
  key: string;
  highlighted: Highlighted | null;
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<HighlightRequest[]>) => void) | null;
  postMessage: (answers: HighlightAnswer[]) => void;
};

scope.onmessage = (event) => {
  scope.postMessage(
    event.data.map(({ key, language, text }) => {
      try {
        return { key, highlighted: highlightCode(language, text) };
      } catch {
        // A grammar that fails on this text: the block stays plain, as the pipeline's would.
        return { key, highlighted: null };
      }
    }),
  );
};
