import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AssistantRunner,
  createAssistantRunner,
  fallbackTitle,
  TITLE_MAX_LENGTH,
} from '../src';
import type { OpenAITestServer } from '../src/testing';
import { cleanTitle } from '../src/title';
import { startServer } from './helpers';

let server: OpenAITestServer;
let runner: AssistantRunner;

beforeAll(async () => {
  ({ server, runner } = await startServer());
});
afterAll(() => server.close());
afterEach(() => server.reset());

const exchange = {
  userText: 'how do I bake sourdough bread at home without a dutch oven?',
  assistantText: 'You can bake it on a preheated baking stone with a tray of water.',
};

describe('generateTitle', () => {
  it('asks for a one-line title in a non-streamed, unstored response and returns it', async () => {
    const title = await runner.generateTitle({ ...exchange, model: 'gpt-title' });
    // The test server titles an exchange with the first six words of the user message.
    expect(title).toBe('How do I bake sourdough bread');
    expect(server.responsesRequests).toHaveLength(1);
    const body = server.responsesRequests[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'gpt-title', store: false });
    expect(body.stream).not.toBe(true);
    expect(body.instructions).toMatch(/same language as the user/);
    expect(body.input).toContain(exchange.userText);
    expect(body.input).toContain(exchange.assistantText);
  });

  it('cleans what the model says: one line, no quotes, within the bound', async () => {
    server.setScript({
      kind: 'reply',
      text: `"Title: ${'Baking bread '.repeat(10)}."\nSecond line`,
    });
    const title = await runner.generateTitle(exchange);
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(title).not.toMatch(/["\n]/);
    expect(title.startsWith('Baking bread Baking')).toBe(true);
  });

  it('falls back to the user text when the request fails', async () => {
    server.setScript({ kind: 'server_error' });
    const title = await runner.generateTitle(exchange);
    expect(title).toBe('how do I bake sourdough bread at home without a dutch oven?');
    expect(server.responsesRequests).toHaveLength(1);
  });

  it('falls back when the model returns nothing', async () => {
    server.setScript({ kind: 'reply', text: '' });
    expect(await runner.generateTitle({ userText: 'Bonjour à tous', assistantText: 'Salut' })).toBe(
      'Bonjour à tous',
    );
  });

  it('falls back without a request when not configured', async () => {
    const unconfigured = createAssistantRunner({ baseURL: server.url });
    expect(await unconfigured.generateTitle(exchange)).toBe(fallbackTitle(exchange.userText));
    expect(server.requests).toHaveLength(0);
  });
});

describe('fallbackTitle and cleanTitle', () => {
  it('cuts long text at a word boundary within the bound', () => {
    const text =
      'Please explain in great detail how the transmission of a modern automatic car works';
    const title = fallbackTitle(text);
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(text.startsWith(title)).toBe(true);
    expect(text.charAt(title.length)).toBe(' ');
  });

  it('keeps only the first non-empty line and drops quotes', () => {
    expect(fallbackTitle('\n  "Quoted question"  \nmore text')).toBe('Quoted question');
    expect(cleanTitle('Title: «Paris trip».')).toBe('Paris trip');
  });

  it('uses a neutral title for empty text', () => {
    expect(fallbackTitle('   ')).toBe('New chat');
  });
});
