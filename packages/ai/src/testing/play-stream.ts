// Plays a reply plan as a Responses API event stream, in the documented order:
// response.created, response.in_progress, output_item.added, content_part.added, deltas,
// output_text.done, content_part.done, output_item.done, then completed/failed/incomplete.

import type { ReplyPlan } from './plan';
import type { SseWriter } from './sse-writer';
import {
  type MessageItem,
  type OutputContent,
  openaiId,
  outputText,
  type ResponseRequestEcho,
  type ResponseStatus,
  responseObject,
  usage,
} from './wire';

export type PlayOutcome =
  | 'completed'
  | 'refused'
  | 'failed'
  | 'incomplete'
  | 'dropped'
  | 'client_closed';

export interface PlayContext {
  responseId: string;
  request: ResponseRequestEcho;
  inputTokens: number;
  plan: ReplyPlan;
  /** Resolves once the named gate is open (for a plan that holds its last token). */
  gate?: (name: string) => Promise<void>;
}

export async function playStream(w: SseWriter, ctx: PlayContext): Promise<PlayOutcome> {
  const { plan } = ctx;
  const createdAt = Math.floor(Date.now() / 1000);
  const response = (status: ResponseStatus, extra?: Parameters<typeof responseObject>[4]) =>
    responseObject(ctx.responseId, createdAt, ctx.request, status, extra);
  const itemId = openaiId('msg');
  const item = (status: MessageItem['status'], content: OutputContent[]): MessageItem => ({
    id: itemId,
    type: 'message',
    status,
    role: 'assistant',
    content,
  });
  const at = { item_id: itemId, output_index: 0, content_index: 0 };
  const refusal = plan.ending === 'refusal';
  const emptyPart: OutputContent = refusal ? { type: 'refusal', refusal: '' } : outputText('');

  const opening = [
    w.send('response.created', { response: response('in_progress') }),
    w.send('response.in_progress', { response: response('in_progress') }),
    w.send('response.output_item.added', { output_index: 0, item: item('in_progress', []) }),
    w.send('response.content_part.added', { ...at, part: emptyPart }),
  ];
  if (!(await Promise.all(opening)).every(Boolean)) return 'client_closed';
  if (!(await w.pause(plan.firstTokenDelayMs))) return 'client_closed';

  const count = Math.min(plan.stopAfter, plan.tokens.length);
  let text = '';
  for (let i = 0; i < count; i++) {
    if (i > 0 && !(await w.pause(plan.tokenDelayMs))) return 'client_closed';
    if (i === count - 1 && plan.hold && ctx.gate && !(await w.until(ctx.gate(plan.hold)))) {
      return 'client_closed';
    }
    const delta = plan.tokens[i] ?? '';
    text += delta;
    const type = refusal ? 'response.refusal.delta' : 'response.output_text.delta';
    const sent = await w.send(type, refusal ? { ...at, delta } : { ...at, delta, logprobs: [] });
    if (!sent) return 'client_closed';
  }

  switch (plan.ending) {
    case 'drop':
      await w.drop();
      return 'dropped';
    case 'stall':
      await w.untilClosed();
      return 'client_closed';
    case 'failed': {
      const error = plan.failure ?? { code: 'server_error', message: 'failed' };
      const ok = await w.send('response.failed', { response: response('failed', { error }) });
      w.end();
      return ok ? 'failed' : 'client_closed';
    }
    case 'error_event': {
      const error = plan.failure ?? { code: 'server_error', message: 'failed' };
      const ok = await w.send('error', { code: error.code, message: error.message, param: null });
      w.end();
      return ok ? 'failed' : 'client_closed';
    }
    default:
      break;
  }

  const part: OutputContent = refusal ? { type: 'refusal', refusal: text } : outputText(text);
  const incomplete = plan.ending === 'incomplete';
  const finalItem = item(incomplete ? 'incomplete' : 'completed', [part]);
  const closing = [
    refusal
      ? w.send('response.refusal.done', { ...at, refusal: text })
      : w.send('response.output_text.done', { ...at, text, logprobs: [] }),
    w.send('response.content_part.done', { ...at, part }),
    w.send('response.output_item.done', { output_index: 0, item: finalItem }),
  ];
  const final = {
    output: [finalItem],
    usage: usage(ctx.inputTokens, count),
    ...(incomplete && plan.incompleteReason ? { incompleteReason: plan.incompleteReason } : {}),
  };
  closing.push(
    incomplete
      ? w.send('response.incomplete', { response: response('incomplete', final) })
      : w.send('response.completed', { response: response('completed', final) }),
  );
  const ok = (await Promise.all(closing)).every(Boolean);
  w.end();
  if (!ok) return 'client_closed';
  return refusal ? 'refused' : incomplete ? 'incomplete' : 'completed';
}
