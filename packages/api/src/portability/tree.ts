// Turns a conversation tree from elsewhere into this app's shape: questions and replies that
// alternate (a reply answers a question, a question follows a reply or starts the chat), parents
// before children, and an active leaf that is a tip. Nodes that are not a person's or the
// assistant's text (system prompts, tool calls, hidden nodes) are passed through to their
// children; consecutive messages of the same role (an assistant's tool-using turn written as
// several messages) become one message; a reply with no question above it is left out.
import type { ImportChat } from '@zatten/db';
import { cleanMessage } from './clean';

export interface SourceNode {
  id: string;
  parent: string | null;
  children: string[];
  /** Null when the node carries no message this app keeps. */
  message: {
    role: 'user' | 'assistant';
    content: string;
    createdAt: string | null;
    status?: 'complete' | 'cancelled' | 'failed';
    errorCode?: string | null;
  } | null;
}

export function toImportMessages(
  nodes: Map<string, SourceNode>,
  currentNode: string | null,
): Pick<ImportChat, 'messages' | 'activeKey'> {
  const messages: ImportChat['messages'] = [];
  const emitted = new Map<string, ImportChat['messages'][number]>();
  const childrenOf = new Map<string | null, string[]>();
  /** Source node id -> the emitted message that stands for it (itself, or what it merged into). */
  const standsFor = new Map<string, string | null>();
  const visited = new Set<string>();

  const roots = [...nodes.values()].filter((n) => !n.parent || !nodes.has(n.parent));
  const stack: Array<{ id: string; above: string | null }> = roots
    .reverse()
    .map((n) => ({ id: n.id, above: null }));
  while (stack.length > 0) {
    const { id, above } = stack.pop() as { id: string; above: string | null };
    if (visited.has(id)) continue; // a malformed file may hold a cycle
    visited.add(id);
    const node = nodes.get(id);
    if (!node) continue;
    let here = above;
    const text = node.message ? cleanMessage(node.message.content, node.message.role) : '';
    if (node.message && text.trim() !== '') {
      const parent = above ? emitted.get(above) : undefined;
      if (parent && parent.role === node.message.role) {
        parent.content = cleanMessage(`${parent.content}\n\n${text}`, parent.role);
      } else if (node.message.role === 'assistant' && !parent) {
        // A reply with nothing asked above it cannot stand in this app's tree.
      } else {
        const status =
          node.message.role === 'user' ? 'complete' : (node.message.status ?? 'complete');
        const message = {
          key: id,
          parentKey: above,
          role: node.message.role,
          content: text,
          status,
          errorCode: status === 'failed' ? (node.message.errorCode ?? 'imported') : null,
          createdAt: node.message.createdAt,
        };
        messages.push(message);
        emitted.set(id, message);
        const siblings = childrenOf.get(above) ?? [];
        siblings.push(id);
        childrenOf.set(above, siblings);
        here = id;
      }
    }
    standsFor.set(id, here);
    for (const child of [...node.children].reverse()) stack.push({ id: child, above: here });
  }

  let active = currentNode ? (standsFor.get(currentNode) ?? null) : null;
  if (active === null) active = messages.at(-1)?.key ?? null;
  // The active leaf must be a tip: follow the newest continuation down.
  for (
    let next = childrenOf.get(active)?.at(-1);
    active && next;
    next = childrenOf.get(active)?.at(-1)
  ) {
    active = next;
  }
  return { messages, activeKey: active };
}
