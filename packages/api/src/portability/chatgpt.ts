// ChatGPT's data export: `conversations.json` is a list of conversations, each a tree of nodes
// (`mapping`: id -> {id, message, parent, children}) with `current_node` the message on screen.
// Validated with zod (a file that is not one is a 400), then mapped onto this app's tree: every
// branch is kept, and `current_node` becomes the active branch.
import { createHash } from 'node:crypto';
import type { ImportChat } from '@zatten/db';
import { z } from 'zod';
import { cleanTitle, toIso } from './clean';
import { type SourceNode, toImportMessages } from './tree';

const part = z.unknown();
const node = z.object({
  id: z.string().min(1).max(200),
  parent: z.string().max(200).nullish(),
  children: z.array(z.string().max(200)).max(10_000).default([]),
  message: z
    .object({
      author: z.object({ role: z.string().max(50) }),
      content: z
        .object({
          content_type: z.string().max(100).optional(),
          parts: z.array(part).max(1000).optional(),
          text: z.string().optional(),
        })
        .optional(),
      create_time: z.number().nullish(),
      status: z.string().max(100).nullish(),
      metadata: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
});

export const chatGptConversation = z.object({
  id: z.string().max(200).optional(),
  conversation_id: z.string().max(200).optional(),
  title: z.string().nullish(),
  create_time: z.number().nullish(),
  current_node: z.string().max(200).nullish(),
  mapping: z.record(z.string().max(200), node),
});
export type ChatGptConversation = z.infer<typeof chatGptConversation>;

function textOf(content: z.infer<typeof node>['message']): string {
  const body = content?.content;
  if (!body) return '';
  if (body.content_type && !['text', 'multimodal_text'].includes(body.content_type)) return '';
  if (typeof body.text === 'string') return body.text;
  return (body.parts ?? []).filter((p): p is string => typeof p === 'string').join('\n');
}

/** The key a conversation is remembered by: its id, or a hash of what identifies it. */
export function chatGptSourceKey(conversation: ChatGptConversation): string {
  const id = conversation.id ?? conversation.conversation_id;
  if (id) return `chatgpt:${id}`;
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        conversation.title,
        conversation.create_time,
        Object.keys(conversation.mapping).sort(),
      ]),
    )
    .digest('hex');
  return `chatgpt:sha256:${digest}`;
}

export function fromChatGpt(conversation: ChatGptConversation, fallbackTitle: string): ImportChat {
  const nodes = new Map<string, SourceNode>();
  for (const [key, value] of Object.entries(conversation.mapping)) {
    const role = value.message?.author.role;
    const hidden = value.message?.metadata?.is_visually_hidden_from_conversation === true;
    const kept = (role === 'user' || role === 'assistant') && !hidden;
    nodes.set(value.id ?? key, {
      id: value.id ?? key,
      parent: value.parent ?? null,
      children: value.children,
      message: kept
        ? {
            role: role as 'user' | 'assistant',
            content: textOf(value.message),
            createdAt: toIso(value.message?.create_time),
          }
        : null,
    });
  }
  const { messages, activeKey } = toImportMessages(nodes, conversation.current_node ?? null);
  return {
    sourceKey: chatGptSourceKey(conversation),
    title: cleanTitle(conversation.title, fallbackTitle),
    createdAt: toIso(conversation.create_time),
    messages,
    activeKey,
  };
}
