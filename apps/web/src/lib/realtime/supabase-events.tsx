// Hosted mode's live updates as a component (use-supabase-events.ts): loaded by live-updates.tsx
// only when Clerk and Supabase Realtime are on.
'use client';

import type { RealtimeSink } from './sink';
import { type SupabaseRealtimeSettings, useSupabaseEvents } from './use-supabase-events';

export function SupabaseEvents({
  settings,
  sink,
}: {
  settings: SupabaseRealtimeSettings;
  sink: RealtimeSink;
}) {
  useSupabaseEvents(settings, sink);
  return null;
}
