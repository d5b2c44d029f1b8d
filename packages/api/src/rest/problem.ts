// RFC 9457 problem details: every REST error is application/problem+json with a stable `type`.

import type { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { domainCodeOfTRPC, domainErrorOf, ERROR_MAP, retryAfterOf } from '../errors';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: Array<{ path: string; message: string }>;
  [extension: string]: unknown;
}

const problemType = (slug: string) => `urn:zatten:problem:${slug}`;

export function problemResponse(
  status: number,
  slug: string,
  title: string,
  detail: string,
  extra: Partial<Problem> & { headers?: Record<string, string> } = {},
): Response {
  const { headers, ...fields } = extra;
  const body: Problem = { type: problemType(slug), title, status, detail, ...fields };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

/** Turns an error from a procedure call into a problem response, stripping `stripPath`. */
export function problemFromTRPCError(
  error: TRPCError,
  options: { requestId: string; stripPath?: string },
): Response {
  // Status and title come from the one error map (packages/api/src/errors.ts).
  const domain = domainCodeOfTRPC(error.code);
  if (!domain) {
    return problemResponse(
      500,
      'internal',
      'Internal server error',
      'Something went wrong on our side.',
      { requestId: options.requestId },
    );
  }
  const { status, title, slug: defaultSlug } = ERROR_MAP[domain];
  // A domain reason names the problem type (`user_not_found` -> `user-not-found`).
  const slug = domainErrorOf(error)?.reason.replaceAll('_', '-') ?? defaultSlug;
  const extra: Partial<Problem> & { headers?: Record<string, string> } = {
    requestId: options.requestId,
  };
  if (error.cause instanceof ZodError) {
    extra.errors = error.cause.issues.map((issue) => {
      const path = issue.path.map(String);
      if (options.stripPath && path[0] === options.stripPath) path.shift();
      return { path: path.join('.') || '(body)', message: issue.message };
    });
  }
  if (status === 401) extra.headers = { 'www-authenticate': 'Bearer' };
  const retryAfter = retryAfterOf(error);
  if (retryAfter) extra.headers = { 'retry-after': String(retryAfter) };
  const detail =
    error.cause instanceof ZodError
      ? `Invalid fields: ${extra.errors?.map((e) => `${e.path} (${e.message})`).join('; ')}`
      : error.message;
  return problemResponse(status, slug, title, detail, extra);
}
