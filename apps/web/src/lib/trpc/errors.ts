// Reading tRPC errors the way the UI needs them: the code, the domain reason (e.g. run_active),
// the retry delay, and whether the failure was the network rather than the server.
import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@zatten/api';

export type ApiError = TRPCClientError<AppRouter>;

export function isApiError(error: unknown): error is ApiError {
  return error instanceof TRPCClientError;
}

export function errorCode(error: unknown): string | null {
  return isApiError(error) ? (error.data?.code ?? null) : null;
}

export function errorReason(error: unknown): string | null {
  return isApiError(error) ? (error.data?.reason ?? null) : null;
}

export function retryAfterSeconds(error: unknown): number | null {
  return isApiError(error) ? (error.data?.retryAfterSeconds ?? null) : null;
}

/** The request never got an answer from the server (offline, server down, connection reset). */
export function isNetworkError(error: unknown): boolean {
  if (!isApiError(error)) return error instanceof TypeError;
  return !error.data && (error.cause instanceof TypeError || error.message === 'Failed to fetch');
}

export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED';
}
