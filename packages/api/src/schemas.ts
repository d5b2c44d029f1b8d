// Input and output schemas shared by the tRPC procedures, the REST adapter and its OpenAPI
// document, so the three never disagree.
import { API_KEY_SCOPES, CHAT_SOURCES, CHAT_TITLE_MAX, CHAT_VIEWS } from '@zatten/db';
import { z } from 'zod';
import { MESSAGE_MAX_CHARS, NAME_MAX_CHARS, type TextKind, textProblem } from './text-rules';

/** A string that passes the text rules for `kind` (text-rules.ts); the issue names the field. */
function checkedText(kind: TextKind) {
  return z.string().superRefine((text, ctx) => {
    const problem = textProblem(text, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

export const idSchema = z.uuid({ error: 'must be a UUID' });

export const chatTitleSchema = checkedText('title')
  .trim()
  .min(1, 'must not be empty')
  .max(CHAT_TITLE_MAX, `must be at most ${CHAT_TITLE_MAX} characters`);

export const messageContentSchema = checkedText('message')
  .refine((text) => text.trim().length > 0, 'must not be empty')
  .refine(
    (text) => text.length <= MESSAGE_MAX_CHARS,
    `must be at most ${MESSAGE_MAX_CHARS} characters`,
  );

export const nameSchema = checkedText('name')
  .trim()
  .min(1, 'must not be empty')
  .max(NAME_MAX_CHARS, `must be at most ${NAME_MAX_CHARS} characters`);

/** Opaque page cursors are base64url; what they hold is checked where they are decoded. */
export const cursorSchema = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_-]*$/, 'must be a cursor this API returned')
  .nullish();

/** Realtime event log ids: bigint sequence values, so at most int8's maximum. */
export const eventLogIdSchema = z
  .string()
  // Aborting here keeps a non-numeric id from BigInt() below, which throws: the refusal then
  // carried BigInt's SyntaxError text instead of this message.
  .regex(/^\d{1,19}$/, { error: 'must be an event id this API sent', abort: true })
  .refine((id) => BigInt(id) <= 9_223_372_036_854_775_807n, 'must be an event id this API sent');

/** Reply stream ids: a character offset into the reply, or `end`. */
export const streamEventIdSchema = z
  .string()
  .regex(/^(\d{1,9}|end)$/, 'must be an event id this API sent');

export const chatListInput = z.object({
  limit: z.number().int().min(1).max(100).default(30),
  cursor: cursorSchema,
  search: checkedText('title').trim().max(200).optional(),
  // Issue 17: the sidebar's sections (pinned, recent) and the archived view.
  view: z.enum(CHAT_VIEWS).default('all'),
});

// Issue 17: search inside messages, pin, archive, bulk.
export const chatSearchInput = z.object({
  query: checkedText('title').trim().min(1, 'must not be empty').max(200),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: cursorSchema,
});

export const chatPinInput = z.object({ id: idSchema, pinned: z.boolean() });

/** Bulk actions on chats the sidebar selected: at most 100 at once. */
export const chatIdsSchema = z
  .array(idSchema)
  .min(1, 'must name at least one chat')
  .max(100, 'must name at most 100 chats');

export const chatArchiveInput = z.object({ ids: chatIdsSchema, archived: z.boolean() });

export const chatCreateInput = z.object({
  title: chatTitleSchema.optional(),
  assistantId: idSchema.optional(),
});

export const chatRenameInput = z.object({ id: idSchema, title: chatTitleSchema });

export const messageListInput = z.object({
  chatId: idSchema,
  limit: z.number().int().min(1).max(100).default(50),
  cursor: cursorSchema,
});

export const apiKeyCreateInput = z.object({
  name: nameSchema,
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).default(['chats:create']),
});

/** A user id another system names (a Clerk id): one line of printable text. */
export const externalUserIdSchema = checkedText('name').trim().min(1).max(128);

/** Who a service call creates a chat for: exactly one of userId and email. */
export const serviceCreateChatInput = z
  .object({
    userId: externalUserIdSchema.optional(),
    email: z.email('must be an email address').max(320).optional(),
    title: chatTitleSchema,
    assistantId: idSchema.optional(),
    // issue 16: a first message (with files uploaded and confirmed for that user); the reply
    // starts at once, as when the person sends it.
    message: z
      .object({
        content: messageContentSchema,
        attachmentIds: z
          .array(idSchema)
          .max(20, 'must list at most 20 files')
          .refine((ids) => new Set(ids).size === ids.length, 'must not list a file twice')
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((input) => (input.userId === undefined) !== (input.email === undefined), {
    message: 'give exactly one of userId and email',
    path: ['userId'],
  });

export type ServiceCreateChatInput = z.infer<typeof serviceCreateChatInput>;

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** The chat as other systems see it (REST and the typed client's service calls). */
export const publicChatSchema = z.object({
  id: idSchema,
  userId: z.string(),
  title: z.string(),
  assistantId: idSchema,
  source: z.enum(CHAT_SOURCES),
  createdAt: z.string(),
  updatedAt: z.string(),
  url: z.url(),
});

export type PublicChat = z.infer<typeof publicChatSchema>;

// issue 16: files in chats.
/** A file's name as the person's device gave it: one line, no bidi tricks, no path. */
export const attachmentNameSchema = checkedText('name')
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((name) => !/[/\\]/.test(name), 'must be a file name, not a path');

export const attachmentIdsSchema = z
  .array(idSchema)
  .max(20, 'must list at most 20 files')
  .refine((ids) => new Set(ids).size === ids.length, 'must not list a file twice');

export const attachmentRequestInput = z.object({
  name: attachmentNameSchema,
  sizeBytes: z.number().int().min(1, 'must not be empty'),
  /** What the device says the file is; the server decides from the bytes. */
  contentType: z.string().max(255).default(''),
});

export const attachmentViewSchema = z.object({
  id: idSchema,
  name: z.string(),
  mimeType: z.string().nullable(),
  kind: z.enum(['image', 'pdf', 'text']).nullable(),
  sizeBytes: z.number().int(),
  status: z.enum(['pending', 'uploaded', 'attached']),
  messageId: idSchema.nullable(),
  url: z.string().nullable(),
});

export const signedUploadSchema = z.object({
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});

/** An upload another system makes for a user: exactly one of userId and email (issue 16). */
export const serviceUploadInput = z
  .object({
    userId: externalUserIdSchema.optional(),
    email: z.email('must be an email address').max(320).optional(),
    name: attachmentNameSchema,
    sizeBytes: z.number().int().min(1, 'must not be empty'),
    contentType: z.string().max(255).default(''),
  })
  .strict()
  .refine((input) => (input.userId === undefined) !== (input.email === undefined), {
    message: 'give exactly one of userId and email',
    path: ['userId'],
  });

export const uploadGrantSchema = z.object({
  attachment: attachmentViewSchema,
  upload: signedUploadSchema,
});

/** The first message a created chat was given, and its reply (in flight). */
export const firstMessageSchema = z.object({ id: idSchema, replyId: idSchema }).nullable();
