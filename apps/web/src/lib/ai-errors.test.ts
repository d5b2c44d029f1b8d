// The failed-reply codes the chat view explains: each has its own words in both catalogues and
// offers only an action that can help.
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import ptBR from '../../messages/pt-BR.json';
import { replyErrorAction, replyErrorCode } from './ai-errors';

describe('reply errors', () => {
  it('explains a question whose files could not be read, and offers a retry', () => {
    // The run manager ends such a reply with `attachment_unavailable` (packages/api/src/runs).
    const code = replyErrorCode('attachment_unavailable');
    expect(code).toBe('attachment_unavailable');
    // Reading the store again can succeed (it was away); the hint says what to do if it does not.
    expect(replyErrorAction(code)).toBe('retry');
    for (const catalogue of [en, ptBR]) {
      const codes: Record<string, string> = catalogue.replyError.codes;
      const hints: Record<string, string> = catalogue.replyError.hints;
      expect(codes[code]).toBeTruthy();
      expect(hints[code]).toBeTruthy();
      expect(codes[code]).not.toBe(codes.unknown);
    }
  });

  it('still maps a code it does not know to the generic text', () => {
    expect(replyErrorCode('something_new')).toBe('unknown');
    expect(replyErrorCode(null)).toBe('unknown');
  });
});
