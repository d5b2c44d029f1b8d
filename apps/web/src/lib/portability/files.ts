// Issue 17, browser side of export and import: saving an export as a file, and cutting an import
// file into the batches the server takes (each well under the tRPC body cap, so a large ChatGPT
// export imports in steps the page can show as progress). The server validates every batch again.

/** The largest file the page reads (a ChatGPT export of years of chats fits). */
export const IMPORT_FILE_MAX_BYTES = 200 * 1024 * 1024;
/** A batch's JSON stays under this many characters (the server refuses bodies over 2 MB). */
const BATCH_MAX_CHARS = 1_500_000;
const BATCH_MAX_ITEMS = 100;

export type ImportPlan =
  | { kind: 'chatgpt'; batches: unknown[][]; total: number }
  | { kind: 'archive'; batches: unknown[][]; total: number }
  | { kind: 'malformed' };

export function batchesOf(items: unknown[]): unknown[][] {
  const batches: unknown[][] = [];
  let current: unknown[] = [];
  let size = 0;
  for (const item of items) {
    const length = JSON.stringify(item)?.length ?? 0;
    if (
      current.length > 0 &&
      (size + length > BATCH_MAX_CHARS || current.length >= BATCH_MAX_ITEMS)
    ) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** What a file holds: ChatGPT's conversations.json (a list) or this app's archive. */
export function planImport(text: string): ImportPlan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'malformed' };
  }
  if (
    Array.isArray(data) &&
    data.length > 0 &&
    data.every((c) => c && typeof c === 'object' && 'mapping' in c)
  ) {
    return { kind: 'chatgpt', batches: batchesOf(data), total: data.length };
  }
  if (
    data &&
    typeof data === 'object' &&
    (data as { format?: unknown }).format === 'zatten-chat-archive' &&
    Array.isArray((data as { chats?: unknown }).chats) &&
    (data as { chats: unknown[] }).chats.length > 0
  ) {
    const chats = (data as { chats: unknown[] }).chats;
    return { kind: 'archive', batches: batchesOf(chats), total: chats.length };
  }
  return { kind: 'malformed' };
}

export function fileName(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${base || 'chat'}.${extension}`;
}

export function saveFile(name: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
