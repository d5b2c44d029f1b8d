// What a file is, read from its content (magic bytes), never from its name or the browser's
// claim: images (PNG, JPEG, WebP, GIF) and PDFs by signature; everything else is accepted only as
// text, i.e. valid UTF-8 without control characters (plain text, Markdown, CSV, JSON, source
// code). The name only picks the text's flavour (a `.csv` that is text is text/csv).

export type AttachmentKind = 'image' | 'pdf' | 'text';

export interface DetectedType {
  kind: AttachmentKind;
  mimeType:
    | 'image/png'
    | 'image/jpeg'
    | 'image/webp'
    | 'image/gif'
    | 'application/pdf'
    | 'text/plain'
    | 'text/markdown'
    | 'text/csv'
    | 'application/json';
}

export const ACCEPTED_MIME_TYPES: readonly DetectedType['mimeType'][] = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/json',
];

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

function binaryType(bytes: Uint8Array): DetectedType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', mimeType: 'image/png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mimeType: 'image/jpeg' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
    return { kind: 'image', mimeType: 'image/gif' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return { kind: 'image', mimeType: 'image/webp' };
  if (startsWith(bytes, ascii('%PDF-'))) return { kind: 'pdf', mimeType: 'application/pdf' };
  return null;
}

// C0 controls other than tab, line feed, form feed and carriage return; DEL; C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/;

/** The file's text when it is valid UTF-8 without control characters, else null. */
export function readUtf8Text(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  return CONTROL.test(text) ? null : text;
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The file's type from its bytes, or null for a type Zatten does not accept. */
export function detectType(bytes: Uint8Array, name: string): DetectedType | null {
  if (bytes.length === 0) return null;
  const binary = binaryType(bytes);
  if (binary) return binary;
  const text = readUtf8Text(bytes);
  if (text === null) return null;
  switch (extension(name)) {
    case 'md':
    case 'markdown':
      return { kind: 'text', mimeType: 'text/markdown' };
    case 'csv':
      return { kind: 'text', mimeType: 'text/csv' };
    case 'json':
      try {
        JSON.parse(text);
        return { kind: 'text', mimeType: 'application/json' };
      } catch {
        return { kind: 'text', mimeType: 'text/plain' };
      }
    default:
      return { kind: 'text', mimeType: 'text/plain' };
  }
}

export function kindOf(mimeType: string): AttachmentKind {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType === 'application/pdf') return 'pdf';
  return 'text';
}
