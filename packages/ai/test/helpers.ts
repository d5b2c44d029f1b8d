// Shared test setup: a runner pointed at a fresh OpenAI test server, and event collection.

import { type AssistantRunner, createAssistantRunner, type RunEvent } from '../src';
import {
  type OpenAITestServer,
  type OpenAITestServerOptions,
  startOpenAITestServer,
} from '../src/testing';

export const API_KEY = 'sk-test-zatten';

export const ASSISTANT = {
  model: 'gpt-test',
  instructions: 'You are a helpful test assistant.',
} as const;

/** Short bounds so timeouts and retries finish quickly; each test may override. */
export const FAST_LIMITS = {
  firstTokenMs: 2_000,
  idleMs: 1_000,
  maxRetries: 2,
  backoffMs: 10,
  maxBackoffMs: 50,
};

export async function startServer(
  options: OpenAITestServerOptions = {},
): Promise<{ server: OpenAITestServer; runner: AssistantRunner }> {
  const server = await startOpenAITestServer({ apiKey: API_KEY, ...options });
  const runner = createAssistantRunner({ apiKey: API_KEY, baseURL: server.url });
  return { server, runner };
}

export async function collect(events: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

export function terminal(events: RunEvent[]): RunEvent | undefined {
  return events.at(-1);
}

/** Concatenated delta texts. */
export function streamedText(events: RunEvent[]): string {
  return events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
}

export function terminalCount(events: RunEvent[]): number {
  return events.filter(
    (e) => e.type === 'completed' || e.type === 'failed' || e.type === 'cancelled',
  ).length;
}
