// This app's own export formats: one chat as Markdown or JSON, and everything a person has as one
// JSON archive (`format: "zatten-chat-archive"`, `version: 1`). An archive's chats import back
// (here or into another installation): every branch, with the active one, each chat once.
// Attachments travel as metadata on their message (id, name, type, size, time: never the bytes or
// where they are stored); an import cannot restore the files, so it counts them as skipped.
import type { ExportedChat, ExportedData, ImportChat } from '@zatten/db';
import { z } from 'zod';
import { cleanTitle, toIso } from './clean';
import { type SourceNode, toImportMessages } from './tree';

export const ARCHIVE_FORMAT = 'zatten-chat-archive';
export const ARCHIVE_VERSION = 1;

export interface Archive extends ExportedData {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  exported_at: string;
}

export function buildArchive(data: ExportedData, now = new Date()): Archive {
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exported_at: now.toISOString(),
    ...data,
  };
}

/** One chat as JSON: the archive's chat entry, in the same versioned envelope. */
export function chatAsJson(chat: ExportedChat, now = new Date()) {
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exported_at: now.toISOString(),
    chats: [chat],
  };
}

/** The active branch as Markdown (what a reader wants); other versions are noted, not shown. */
export function chatAsMarkdown(chat: ExportedChat): string {
  const byId = new Map(chat.messages.map((m) => [m.id, m]));
  const branch: ExportedChat['messages'] = [];
  let at = chat.active_leaf_id ? byId.get(chat.active_leaf_id) : chat.messages.at(-1);
  const seen = new Set<string>();
  while (at && !seen.has(at.id)) {
    seen.add(at.id);
    branch.unshift(at);
    at = at.parent_id ? byId.get(at.parent_id) : undefined;
  }
  const lines = [`# ${chat.title}`, '', `_${chat.created_at}_`, ''];
  for (const message of branch) {
    const who = message.role === 'user' ? 'You' : (message.assistant_name ?? 'Assistant');
    lines.push(`## ${who}`, '', message.content, '');
    const files = message.attachments ?? [];
    if (files.length > 0)
      lines.push(`_Files: ${files.map((f) => escapeMarkdown(f.name)).join(', ')}_`, '');
  }
  const others = chat.messages.length - branch.length;
  if (others > 0)
    lines.push('---', '', `_${others} message(s) on other branches are in the JSON export._`, '');
  return lines.join('\n');
}

/** A file name as literal Markdown text (names may hold `*`, `_`, brackets...). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

/** A file's metadata as exported; read leniently (only counted: the bytes are not in an archive). */
const archiveAttachment = z.object({
  id: z.string().max(200).nullish(),
  name: z.string().max(1000).nullish(),
  mime_type: z.string().max(200).nullish(),
  size_bytes: z.number().nullish(),
  created_at: z.string().max(64).nullish(),
});

const archiveMessage = z.object({
  id: z.string().min(1).max(200),
  parent_id: z.string().max(200).nullable(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  status: z.string().max(20),
  error_code: z.string().max(64).nullish(),
  created_at: z.string().max(64).nullish(),
  attachments: z.array(archiveAttachment).max(100).optional(),
});
export const archiveChat = z.object({
  id: z.string().min(1).max(200),
  title: z.string(),
  active_leaf_id: z.string().max(200).nullable(),
  created_at: z.string().max(64).nullish(),
  messages: z.array(archiveMessage).max(20_000),
});
export type ArchiveChat = z.infer<typeof archiveChat>;

export function fromArchive(chat: ArchiveChat, fallbackTitle: string): ImportChat {
  const nodes = new Map<string, SourceNode>();
  for (const message of chat.messages) {
    nodes.set(message.id, {
      id: message.id,
      parent: message.parent_id,
      children: [],
      message: null,
    });
  }
  for (const message of chat.messages) {
    const node = nodes.get(message.id) as SourceNode;
    if (message.parent_id) nodes.get(message.parent_id)?.children.push(message.id);
    // A reply that was still being written when exported is kept as stopped.
    const status =
      message.status === 'failed'
        ? 'failed'
        : message.status === 'complete'
          ? 'complete'
          : 'cancelled';
    node.message = {
      role: message.role,
      content: message.content,
      createdAt: toIso(message.created_at),
      status,
      errorCode: message.error_code ?? null,
    };
  }
  const { messages, activeKey } = toImportMessages(nodes, chat.active_leaf_id);
  return {
    // The chat's id in the installation that exported it: the same archive imports once.
    sourceKey: `zatten:${chat.id}`,
    title: cleanTitle(chat.title, fallbackTitle),
    createdAt: toIso(chat.created_at),
    messages,
    activeKey,
    attachmentsSkipped: chat.messages.reduce((n, m) => n + (m.attachments?.length ?? 0), 0),
  };
}
