// Input and output schemas shared by the tRPC procedures, the REST adapter and its OpenAPI
// document, so the three never disagree.
import { API_KEY_SCOPES, CHAT_SOURCES, CHAT_TITLE_MAX } from '@zatten/db';
import { z } from 'zod';

export const idSchema = z.uuid({ error: 'must be a UUID' });

export const chatTitleSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CHAT_TITLE_MAX, `must be at most ${CHAT_TITLE_MAX} characters`)
  .regex(/^[^\r\n]*$/, 'must be a single line');

export const cursorSchema = z.string().max(512).nullish();

export const chatListInput = z.object({
  limit: z.number().int().min(1).max(100).default(30),
  cursor: cursorSchema,
  search: z.string().trim().max(200).optional(),
});

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
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).default(['chats:create']),
});

/** Who a service call creates a chat for: exactly one of userId and email. */
export const serviceCreateChatInput = z
  .object({
    userId: z.string().trim().min(1).max(128).optional(),
    email: z.email('must be an email address').max(320).optional(),
    title: chatTitleSchema,
    assistantId: idSchema.optional(),
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
