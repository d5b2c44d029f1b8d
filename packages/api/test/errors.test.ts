// One error model: every DomainError code maps to one tRPC code and one HTTP status, the same on
// the tRPC wire and in REST problems, with the reason and retry-after carried through.
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { DOMAIN_ERROR_CODES, DomainError } from '@zatten/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_MAP, reasonOf, retryAfterOf, toTRPCError } from '../src/errors';
import { problemFromTRPCError } from '../src/rest/problem';

describe('the error map', () => {
  it.each(DOMAIN_ERROR_CODES)('%s has one status on the tRPC wire and in REST', async (code) => {
    const error = toTRPCError(new DomainError(code, `some_${code}`, 'refused', { retryAfter: 3 }));
    expect(error.code).toBe(ERROR_MAP[code].trpc);
    expect(getHTTPStatusCodeFromError(error)).toBe(ERROR_MAP[code].status);
    expect(reasonOf(error)).toBe(`some_${code}`);
    expect(retryAfterOf(error)).toBe(3);
    const response = problemFromTRPCError(error, { requestId: 'r1' });
    expect(response.status).toBe(ERROR_MAP[code].status);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toMatchObject({
      type: `urn:zatten:problem:some-${code.replaceAll('_', '-')}`,
      title: ERROR_MAP[code].title,
      status: ERROR_MAP[code].status,
      detail: 'refused',
      requestId: 'r1',
    });
  });

  it('maps data constraint violations to client errors with a reason', () => {
    const error = toTRPCError(Object.assign(new Error('check'), { code: '23514' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(reasonOf(error)).toBe('constraint_violated');
  });

  it('tells a value over its length limit apart from other invalid input', () => {
    const tooLong = z.object({ content: z.string().max(3) }).safeParse({ content: 'long' });
    const wrong = z.object({ content: z.string() }).safeParse({ content: 1 });
    expect(tooLong.success || wrong.success).toBe(false);
    expect(reasonOf(new TRPCError({ code: 'BAD_REQUEST', cause: tooLong.error }))).toBe('too_long');
    expect(reasonOf(new TRPCError({ code: 'BAD_REQUEST', cause: wrong.error }))).toBe(
      'invalid_input',
    );
  });

  it('keeps anything unknown a 500 with no reason, and its problem hides the detail', async () => {
    const error = toTRPCError(new Error('secret detail'));
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(reasonOf(error)).toBeNull();
    const response = problemFromTRPCError(error, { requestId: 'r2' });
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('secret detail');
  });
});
