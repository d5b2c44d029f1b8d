-- Two of a send's opening statements as functions (issue 13), as branch_page is for message.list:
-- sent as text, PostgreSQL planned them on every send (0.3 and 0.55 ms on a quiet machine, about
-- as long as running them; more under load, when a burst of sends is bound by PostgreSQL's CPU).
-- PL/pgSQL keeps its statements' plans for the rest of the session, generic from the first call
-- (their lookups are by key on indexes whatever the values), and a transaction pooler passes them
-- through: nothing is prepared by the client.
--
-- Both are SECURITY INVOKER: every read is under the caller's grants and RLS, so through the Data
-- API a person reads only their own chats, messages, attachments and instructions, as selects on
-- those tables would show them.

-- What admitting a new reply reads (run-leases.ts `runAdmissionSql`): whether the chat has a reply
-- in flight, how many the person has, the chat's tip (its active leaf, or its newest message),
-- whether any message of the chat has files and, with `with_instructions`, the person's own
-- instructions (null columns when they have none or when not asked for). One row.
create function public.run_admission(person text, chat uuid, with_instructions boolean)
returns table (
  chat_busy boolean,
  active_replies bigint,
  active_leaf_id uuid,
  newest_id uuid,
  chat_has_files boolean,
  about_me text,
  how_to_answer text,
  enabled boolean,
  updated_at timestamptz
)
language plpgsql stable security invoker
set search_path = '' set plan_cache_mode = force_generic_plan as $$
#variable_conflict use_column
begin
  return query
  select
    exists (select 1 from public.messages m
      where m.chat_id = run_admission.chat and m.status in ('pending', 'streaming')),
    (select count(*) from public.messages m
      where m.user_id = run_admission.person and m.role = 'assistant'
        and m.status in ('pending', 'streaming')),
    (select c.active_leaf_id from public.chats c where c.id = run_admission.chat),
    (select n.id from public.messages n where n.chat_id = run_admission.chat
      order by n.created_at desc, n.id desc limit 1),
    exists (select 1 from public.attachments f
      where f.chat_id = run_admission.chat and f.message_id is not null),
    p.about_me, p.how_to_answer, p.enabled, p.updated_at
  from (select 1) as one
  left join public.personal_instructions as p
    on run_admission.with_instructions and p.user_id = run_admission.person;
end;
$$;

-- The whole branch ending at the chat's tip (message-tree.ts `tipPathSql`): the tip is the chat's
-- active leaf, or its newest message when it has none; walked up the parent links, each message
-- with its `step` from the tip (0). No rows when the chat has no messages or RLS hides it.
create function public.branch_path(chat uuid)
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
  step integer
)
language plpgsql stable security invoker
set search_path = '' set plan_cache_mode = force_generic_plan as $$
#variable_conflict use_column
declare
  start uuid;
begin
  select coalesce(c.active_leaf_id, (
      select n.id from public.messages n where n.chat_id = c.id
      order by n.created_at desc, n.id desc limit 1))
    into start
    from public.chats c where c.id = branch_path.chat;
  if start is null then
    return;
  end if;
  return query
  with recursive branch as (
    select m.id, m.chat_id, m.parent_id, m.user_id, m.role, m.content, m.status, m.error_code,
      m.error_message, m.model, m.openai_response_id, m.usage, m.created_at, m.updated_at,
      m.completed_at, m.assistant_id, 0 as step
    from public.messages m where m.id = start and m.chat_id = branch_path.chat
    union all
    select m.id, m.chat_id, m.parent_id, m.user_id, m.role, m.content, m.status, m.error_code,
      m.error_message, m.model, m.openai_response_id, m.usage, m.created_at, m.updated_at,
      m.completed_at, m.assistant_id, b.step + 1
    from public.messages m
    join branch b on m.id = b.parent_id and m.chat_id = b.chat_id
    -- A bound far beyond any real conversation, as the text had (the tree has no cycles).
    where b.step + 1 < 100000
  )
  select * from branch b order by b.step desc;
end;
$$;

-- Functions are executable by PUBLIC by default (and Supabase grants new ones to anon): people
-- read their own; anon reads nothing.
revoke execute on function public.run_admission(text, uuid, boolean) from public, anon;
grant execute on function public.run_admission(text, uuid, boolean) to authenticated, service_role;
revoke execute on function public.branch_path(uuid) from public, anon;
grant execute on function public.branch_path(uuid) to authenticated, service_role;
