// Input schemas of the admin console's procedures, with messages an administrator can act on.
import { z } from 'zod';
import { idSchema } from '../../schemas';

const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\r\n]*$/, 'must be a single line');

/** An email (`ana@example.com`) or a whole domain (`example.com`), lower-cased. */
export const allowedUserSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .regex(
    /^([a-z0-9._%+'-]+@)?[a-z0-9-]+(\.[a-z0-9-]+)+$/,
    'must be an email address (ana@example.com) or a domain (example.com)',
  );

export const assistantDraftInput = z
  .object({
    name: line(100),
    description: z.string().trim().max(500, 'must be at most 500 characters').default(''),
    model: z
      .string()
      .trim()
      .min(1, 'choose or type a model')
      .max(100, 'must be at most 100 characters')
      .regex(/^[A-Za-z0-9._:/-]+$/, 'may hold only letters, digits and . _ : / -'),
    instructions: z.string().max(32_000, 'must be at most 32000 characters').default(''),
    temperature: z.number().min(0, 'must be 0 or more').max(2, 'must be 2 or less').nullable(),
    maxOutputTokens: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(128_000, 'must be at most 128000')
      .nullable(),
    starterPrompts: z.array(line(200)).max(6, 'at most 6 starter prompts').default([]),
    visibility: z.enum(['everyone', 'restricted']),
    allowedUsers: z.array(allowedUserSchema).max(200, 'at most 200 entries').default([]),
  })
  .superRefine((draft, ctx) => {
    if (draft.visibility === 'restricted' && draft.allowedUsers.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['allowedUsers'],
        message: 'list at least one email or domain, or make it available to everyone',
      });
    }
  });

export type AssistantDraftInput = z.infer<typeof assistantDraftInput>;

export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
  .optional();

export const tokensSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1_000_000_000_000, 'is too large');

export const assistantIdInput = z.object({ id: idSchema });
