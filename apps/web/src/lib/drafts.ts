// What someone has typed but not sent, per chat, in sessionStorage: it survives a failed send, a
// reload, an expired session and a trip to the sign-in page, and is gone when the tab closes.
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

export function readDraft(key: DraftKey): string {
  return storage()?.getItem(PREFIX + key) ?? '';
}

export function writeDraft(key: DraftKey, text: string): void {
  const store = storage();
  if (!store) return;
  try {
    if (text.trim()) store.setItem(PREFIX + key, text);
    else store.removeItem(PREFIX + key);
  } catch {
    // Quota exceeded: the text stays in the composer, just not across reloads.
  }
}

export function clearDraft(key: DraftKey): void {
  storage()?.removeItem(PREFIX + key);
}
