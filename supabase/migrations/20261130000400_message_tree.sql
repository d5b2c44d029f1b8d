-- Conversations as trees: every message has a parent (null for a chat's first question and for
-- the versions of it an edit creates), and a chat remembers the leaf of the branch on screen.
-- Editing a question adds a sibling of it; regenerating a reply adds a sibling of the reply; the
-- earlier branches stay as they were. Existing chats become one linear branch each.

-- (id, chat_id) is unique so that parents and active leaves can be tied to the same chat by a
-- foreign key: no message can hang under a message of another chat.
alter table public.messages add constraint messages_id_chat_key unique (id, chat_id);
alter table public.messages add column parent_id uuid;
alter table public.messages add constraint messages_parent_fk
  foreign key (parent_id, chat_id) references public.messages (id, chat_id) on delete cascade;
alter table public.messages add constraint messages_parent_not_self check (parent_id <> id);
-- Children of a message (and a chat's roots) in creation order: siblings, branch tips, cascades.
create index messages_chat_parent on public.messages (chat_id, parent_id, created_at, id);

alter table public.chats add column active_leaf_id uuid;
-- ON DELETE SET NULL (column list, PostgreSQL 15+): deleting the leaf forgets it, the chat stays.
alter table public.chats add constraint chats_active_leaf_fk
  foreign key (active_leaf_id, id) references public.messages (id, chat_id)
  on delete set null (active_leaf_id);

-- Existing chats: each message's parent is the message before it, and the newest message is the
-- active leaf. Timestamp and broadcast triggers are off meanwhile: this changes no content, so
-- updated_at stays as it was and no client receives a flood of events.
alter table public.messages disable trigger messages_touch;
alter table public.messages disable trigger messages_broadcast;
alter table public.chats disable trigger chats_touch;
alter table public.chats disable trigger chats_broadcast;

update public.messages m
set parent_id = ordered.previous_id
from (
  select id, lag(id) over (partition by chat_id order by created_at, id) as previous_id
  from public.messages
) ordered
where m.id = ordered.id and ordered.previous_id is not null;

update public.chats c
set active_leaf_id = newest.id
from (
  select distinct on (chat_id) chat_id, id
  from public.messages
  order by chat_id, created_at desc, id desc
) newest
where c.id = newest.chat_id;

alter table public.messages enable trigger messages_touch;
alter table public.messages enable trigger messages_broadcast;
alter table public.chats enable trigger chats_touch;
alter table public.chats enable trigger chats_broadcast;

-- The shape of a conversation, enforced whoever writes (the app's procedures or the Data API):
-- a reply answers a question; a question follows a reply or starts the chat; a message never
-- moves to another place in the tree.
create function public.check_message_tree() returns trigger
language plpgsql set search_path = '' as $$
declare
  parent_role text;
begin
  if tg_op = 'UPDATE' then
    if new.parent_id is distinct from old.parent_id or new.chat_id <> old.chat_id then
      raise exception 'a message keeps its place in the conversation'
        using errcode = 'check_violation', constraint = 'messages_tree_immutable';
    end if;
    return new;
  end if;
  if new.parent_id is not null then
    -- Runs as the caller: under RLS, a parent the caller cannot see counts as missing (and the
    -- composite foreign key already keeps it inside the same chat).
    select role into parent_role from public.messages
    where id = new.parent_id and chat_id = new.chat_id;
  end if;
  if (new.role = 'assistant' and parent_role is distinct from 'user')
    or (new.role = 'user' and new.parent_id is not null and parent_role is distinct from 'assistant')
  then
    raise exception 'a reply answers a question, and a question follows a reply'
      using errcode = 'check_violation', constraint = 'messages_tree_shape';
  end if;
  return new;
end;
$$;

create trigger messages_tree before insert or update on public.messages
  for each row execute function public.check_message_tree();

-- The active leaf is a branch's tip: the app only ever switches to a message with no replies
-- under it, and the Data API may do no more.
create function public.check_active_leaf() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.active_leaf_id is not null
    and new.active_leaf_id is distinct from old.active_leaf_id
    and exists (
      select 1 from public.messages
      where chat_id = new.id and parent_id = new.active_leaf_id
    )
  then
    raise exception 'the active message must be the tip of a branch'
      using errcode = 'check_violation', constraint = 'chats_active_leaf_is_tip';
  end if;
  return new;
end;
$$;

create trigger chats_active_leaf before update of active_leaf_id on public.chats
  for each row execute function public.check_active_leaf();

-- A message appended at the active leaf becomes the new leaf, in the same update that marks the
-- chat's activity (so a send still broadcasts one chat change per message). A message added
-- elsewhere (an edit, a regenerate) leaves the leaf alone: the procedure that adds it moves the
-- leaf explicitly.
create or replace function public.bump_chat_activity() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.chats
  set last_activity_at = greatest(last_activity_at, new.created_at),
      active_leaf_id = case
        -- Row triggers of a multi-row insert run at the end of the statement, when the message
        -- may already have replies under it: it is no tip then, and the leaf stays put.
        when active_leaf_id is not distinct from new.parent_id
          and not exists (
            select 1 from public.messages child
            where child.chat_id = new.chat_id and child.parent_id = new.id
          )
        then new.id
        else active_leaf_id
      end
  where id = new.chat_id
    and (last_activity_at < new.created_at or active_leaf_id is not distinct from new.parent_id);
  return null;
end;
$$;

-- Data API surface. The app's user-scoped path writes these columns as `authenticated` (a send or
-- an edit inserts a message under its parent; a switch moves the active leaf), so that role gets
-- exactly those column privileges. They are redundant while the table-level grants of the
-- security migration stand, and keep the procedures working where grants are per column. A
-- message's parent is never updated by anyone (the messages_tree trigger), so no UPDATE on it.
grant insert (parent_id) on public.messages to authenticated;
grant update (active_leaf_id) on public.chats to authenticated;
grant all on public.messages, public.chats to service_role;

-- A reply's placeholder answers a question, not "the chat's last message": a regenerate adds a
-- reply under an older question. begin_reply (users may not write assistant messages themselves)
-- therefore takes the question: the caller's own message, and the reply goes under it.
drop function public.begin_reply(uuid);
create function public.begin_reply(question_id uuid) returns setof public.messages
language sql volatile security definer set search_path = '' as $$
  insert into public.messages (chat_id, user_id, role, content, status, parent_id)
  select q.chat_id, q.user_id, 'assistant', '', 'streaming', q.id
  from public.messages q
  where q.id = begin_reply.question_id
    and q.role = 'user'
    and q.user_id = (select auth.jwt() ->> 'sub')
  returning *;
$$;
revoke execute on function public.begin_reply(uuid) from public, anon;
grant execute on function public.begin_reply(uuid) to authenticated, service_role;
revoke execute on function public.check_message_tree(), public.check_active_leaf()
  from public, anon, authenticated;
