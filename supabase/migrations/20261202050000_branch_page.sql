-- The page message.list shows, as a function (issue 13). Sent as text, the page query was planned
-- on every call, and planning took about as long as running it (~0.45 ms each); PL/pgSQL keeps
-- the plans of its statements for the rest of the session (a pooled connection's, also through a
-- transaction pooler: nothing is prepared by the client), so a page costs its execution only.
--
-- Returns what the query returned: up to `page_size` + 1 messages of `chat`'s branch ending where
-- the page starts (the chat's active leaf, or its newest message when it has none; with a cursor,
-- the parent of `cursor_id`), walked up the parent links, each with `step` (0 at the start; the
-- caller orders by it, newest step last) and `versions`: its parent's children (the roots, for a
-- first question), oldest first. The row above the page only says that there is more. No rows
-- when the chat has none, when the cursor is at its first question, or when RLS hides the chat
-- (the caller tells those apart).
--
-- SECURITY INVOKER: every read is under the caller's grants and RLS, so through the Data API a
-- person sees only messages of their own chats, as a select on public.messages would show them.
create function public.branch_page(chat uuid, page_size integer, cursor_id uuid default null)
returns table (
  id uuid,
  chat_id uuid,
  parent_id uuid,
  user_id text,
  role text,
  content text,
  status text,
  error_code text,
  error_message text,
  model text,
  openai_response_id text,
  usage jsonb,
  created_at timestamptz,
  updated_at timestamptz,
  completed_at timestamptz,
  assistant_id uuid,
  step integer,
  versions text[]
)
language plpgsql stable security invoker
-- The statements' plans are the same whatever the values (lookups by key on indexes), so the
-- generic plan is used from the first call on, never re-planned for values (the default plans the
-- first five calls for their values, and then only while the estimates favour that).
set search_path = '' set plan_cache_mode = force_generic_plan as $$
#variable_conflict use_column
declare
  start uuid;
begin
  -- Two statements, each planned once for the session, rather than one whose start is a CASE.
  if cursor_id is null then
    select coalesce(c.active_leaf_id, (
        select n.id from public.messages n where n.chat_id = c.id
        order by n.created_at desc, n.id desc limit 1))
      into start
      from public.chats c where c.id = branch_page.chat;
  else
    select a.parent_id into start
      from public.messages a where a.id = branch_page.cursor_id and a.chat_id = branch_page.chat;
  end if;
  if start is null then
    return;
  end if;
  -- The versions are two guarded lookups on (chat_id, parent_id): an OR with `is null` would
  -- scan the whole chat.
  return query
  with recursive branch as (
    select m.id, m.chat_id, m.parent_id, m.user_id, m.role, m.content, m.status, m.error_code,
      m.error_message, m.model, m.openai_response_id, m.usage, m.created_at, m.updated_at,
      m.completed_at, m.assistant_id, 0 as step
    from public.messages m where m.id = start and m.chat_id = branch_page.chat
    union all
    select m.id, m.chat_id, m.parent_id, m.user_id, m.role, m.content, m.status, m.error_code,
      m.error_message, m.model, m.openai_response_id, m.usage, m.created_at, m.updated_at,
      m.completed_at, m.assistant_id, b.step + 1
    from public.messages m
    join branch b on m.id = b.parent_id and m.chat_id = b.chat_id
    where b.step < branch_page.page_size
  )
  select b.id, b.chat_id, b.parent_id, b.user_id, b.role, b.content, b.status, b.error_code,
    b.error_message, b.model, b.openai_response_id, b.usage, b.created_at, b.updated_at,
    b.completed_at, b.assistant_id, b.step, coalesce(
      (select array_agg(s.id order by s.created_at, s.id)::text[] from public.messages s
        where b.parent_id is not null and s.chat_id = b.chat_id and s.parent_id = b.parent_id),
      (select array_agg(s.id order by s.created_at, s.id)::text[] from public.messages s
        where b.parent_id is null and s.chat_id = b.chat_id and s.parent_id is null)
    )
  from branch b order by b.step desc;
end;
$$;

-- Functions are executable by PUBLIC by default (and Supabase grants new ones to anon): people
-- page their own chats; anon reads nothing.
revoke execute on function public.branch_page(uuid, integer, uuid) from public, anon;
grant execute on function public.branch_page(uuid, integer, uuid) to authenticated, service_role;
