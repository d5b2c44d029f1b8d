// What someone has typed but not sent, per person and per chat, in sessionStorage: it survives a
// failed send, a reload, an expired session and a trip to the sign-in page, and is gone when the
// tab closes. Keys carry the user id, so the next person signing in on the same tab never sees
// another's text, and signing out removes every draft of the tab.
const PREFIX = 'zatten:draft:';

/** The draft slot of a chat, or of the new-chat screen. */
export type DraftKey = string | 'new';

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    // Storage can be disabled (privacy settings); drafts then live only in the page.
    return null;
  }
}

function slot(owner: string, key: DraftKey): string {
  return `${PREFIX}${owner}:${key}`;
}

export function readDraft(owner: string | undefined, key: DraftKey): string {
  if (!owner) return '';
  return storage()?.getItem(slot(owner, key)) ?? '';
}

export function writeDraft(owner: string | undefined, key: DraftKey, text: string): void {
  const store = storage();
  if (!store || !owner) return;
  try {
    if (text.trim()) store.setItem(slot(owner, key), text);
    else store.removeItem(slot(owner, key));
  } catch {
    // Quota exceeded: the text stays in the composer, just not across reloads.
  }
}

export function clearDraft(owner: string | undefined, key: DraftKey): void {
  if (owner) storage()?.removeItem(slot(owner, key));
}

/** Forgets every draft in this tab (on sign-out), whoever wrote it. */
export function clearAllDrafts(): void {
  const store = storage();
  if (!store) return;
  const keys: string[] = [];
  for (let index = 0; index < store.length; index += 1) {
    const key = store.key(index);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}
