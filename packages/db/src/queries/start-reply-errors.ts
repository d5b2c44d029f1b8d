// The database refuses a reply's start (the start_reply trigger) or a chat's assistant (the
// check_chat_assistant trigger) with a hint naming why; this turns those into domain errors
// with a message a person can act on.
import { DataError, forbidden, notFound } from '../errors';

const REFUSALS: Record<string, () => DataError> = {
  budget_exceeded: () =>
    forbidden(
      'budget_exceeded',
      'You have used your monthly token budget. Ask an administrator to raise it, or wait for next month.',
    ),
  budget_run_active: () =>
    forbidden(
      'budget_run_active',
      'Wait for your other reply to finish: under a token budget, replies run one at a time.',
    ),
  assistant_unavailable: () =>
    forbidden(
      'assistant_unavailable',
      "This chat's assistant is no longer available to you. Choose another assistant.",
    ),
  assistant_not_allowed: () =>
    notFound('assistant_not_found', 'No assistant with that id is available to this user.'),
};

/** The domain error for a trigger's refusal, or null when `error` is something else. */
export function startReplyRefusal(error: unknown): DataError | null {
  const hint = (error as { hint?: unknown } | null)?.hint;
  if (typeof hint !== 'string') return null;
  const make = REFUSALS[hint];
  if (!make) return null;
  const refusal = make();
  return new DataError(refusal.kind, refusal.reason, refusal.message, { cause: error });
}
