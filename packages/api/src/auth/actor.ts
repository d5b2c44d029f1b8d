// Who is calling: nobody, a signed-in person (Clerk or local sign-in), or another system with an
// API key. Procedures decide what each may do.
import type { ApiKeySummary } from '@zatten/db';

export interface UserProfile {
  email: string;
  name: string | null;
  imageUrl: string | null;
}

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      via: 'clerk' | 'local';
      /** From the token or cookie when it carries one; otherwise looked up on first use. */
      profile: UserProfile | null;
      /** Clerk public metadata role, when the session token carries it. */
      role: string | null;
    }
  | { kind: 'apiKey'; apiKey: ApiKeySummary };

export const anonymous: Actor = { kind: 'anonymous' };
