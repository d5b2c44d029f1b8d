// The one set of rules for text people and systems send (titles, messages, names), shared by the
// tRPC procedures, the REST adapter and the web UI's own checks. Text that breaks a rule is
// refused with the field named, never silently changed: what is stored is exactly what was sent.
// Pure, and importing only the domain constants (@zatten/db/domain, the one source of the limits),
// so the browser bundle can import it (@zatten/api/text-rules).
import { CHAT_TITLE_MAX, MESSAGE_MAX_CHARS } from '@zatten/db/domain';

export { MESSAGE_MAX_CHARS };
export const CHAT_TITLE_MAX_CHARS = CHAT_TITLE_MAX;
export const NAME_MAX_CHARS = 100;

/** C0 controls except tab and newline, DEL and C1 controls: invisible, and NUL breaks Postgres. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** A high surrogate without its low half, or a low one without its high half (not UTF-16). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Bidi embeddings, overrides and isolates: they make "gnp.exe" display as "exe.png". */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

export type TextKind = 'message' | 'title' | 'name';

/** Why `text` is refused as a `kind`, or null when it is acceptable. */
export function textProblem(text: string, kind: TextKind): string | null {
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it has a lone surrogate)';
  if (kind !== 'message' && /[\t\n\r]/.test(text)) return 'must be a single line';
  if (CONTROL.test(text)) return 'must not contain control characters';
  if (kind !== 'message' && BIDI_CONTROL.test(text)) {
    return 'must not contain text direction override characters';
  }
  return null;
}
