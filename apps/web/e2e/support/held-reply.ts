// A reply whose end the test decides: the OpenAI test server writes a `[[hold:name]]` question's
// slow reply up to its last word and waits there until the test calls `finish()` (or the app
// stops the reply). Tests that act while a reply is being written use it instead of racing the
// reply's pace, which a busy machine stretches or squeezes.
import { randomUUID } from 'node:crypto';
import { E2E } from './ports';

export interface HeldReply {
  /** Put it in the question: `${held.marker} Tell me a story`. The reply does not repeat it. */
  marker: string;
  /** Lets the reply write its last word and end. */
  finish(): Promise<void>;
}

export function heldReply(): HeldReply {
  const name = `r${randomUUID().slice(0, 8)}`;
  return {
    marker: `[[hold:${name}]]`,
    finish: async () => {
      const url = `http://127.0.0.1:${E2E.openaiPort}/__test/gates/${name}`;
      const response = await fetch(url, { method: 'POST' });
      if (!response.ok) throw new Error(`opening gate ${name}: ${response.status}`);
    },
  };
}
