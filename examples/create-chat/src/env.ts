// The example app's settings, read and checked in this one place (as any app of yours would).
import { z } from 'zod';

const schema = z.object({
  ZATTEN_URL: z.url().default('http://localhost:3000'),
  ZATTEN_API_KEY: z.string().startsWith('zk_', 'must be a Zatten API key (zk_...)').optional(),
  /** A person's session token (Clerk), to ask a question in the new chat as them. */
  ZATTEN_TOKEN: z.string().min(1).optional(),
});

export function readExampleEnv(): z.output<typeof schema> {
  const parsed = schema.safeParse({
    ZATTEN_URL: process.env.ZATTEN_URL || undefined,
    ZATTEN_API_KEY: process.env.ZATTEN_API_KEY || undefined,
    ZATTEN_TOKEN: process.env.ZATTEN_TOKEN || undefined,
  });
  if (!parsed.success) {
    throw new Error(
      `Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
