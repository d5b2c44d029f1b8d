import { describe, expect, it } from 'vitest';
import { batchesOf, fileName, planImport } from './files';

describe('import files', () => {
  it('recognizes ChatGPT exports and archives, and nothing else', () => {
    expect(planImport('[{"title":"a","mapping":{}}]')).toMatchObject({ kind: 'chatgpt', total: 1 });
    expect(
      planImport('{"format":"zatten-chat-archive","version":1,"chats":[{"id":"x"}]}'),
    ).toMatchObject({ kind: 'archive', total: 1 });
    for (const text of ['not json', '[]', '{"chats":[]}', '[{"title":"no mapping"}]', '42']) {
      expect(planImport(text), text).toEqual({ kind: 'malformed' });
    }
  });

  it('cuts batches under the body cap and the item bound, keeping every item in order', () => {
    const big = 'x'.repeat(600_000);
    const items = [big, big, big, 'small', ...Array.from({ length: 150 }, (_, i) => i)];
    const batches = batchesOf(items);
    expect(batches.flat()).toEqual(items);
    for (const batch of batches) {
      expect(JSON.stringify(batch).length).toBeLessThan(2 * 1024 * 1024);
      expect(batch.length).toBeLessThanOrEqual(100);
    }
  });

  it('names files from titles without accents or punctuation', () => {
    expect(fileName('Equação de 2º grau: exemplo!', 'md')).toBe('equacao-de-2o-grau-exemplo.md');
    expect(fileName('???', 'json')).toBe('chat.json');
  });
});
