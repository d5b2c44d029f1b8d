-- Issue 17: feedback on replies, shared snapshots of a chat, and where imported chats came from.
--
-- Data API surface: a person reads, gives, changes and clears their own feedback on replies in
-- their own chats. Shared snapshots are written only on the service path (share.create copies the
-- branch, share.revoke deletes it): `authenticated` may only list its own; `anon` reads nothing
-- (the public page reads one snapshot by id on the server). Import keys are the service path's.

-- Feedback: one row per person and reply, thumbs up (1) or down (-1); clearing deletes the row.
create table public.message_feedback (
  message_id uuid not null references public.messages (id) on delete cascade,
  user_id text not null references public.users (id) on delete cascade,
  rating smallint not null check (rating in (-1, 1)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (message_id, user_id)
);
create index message_feedback_user on public.message_feedback (user_id);
create trigger message_feedback_touch before update on public.message_feedback
  for each row execute function public.touch_updated_at();

-- Feedback is about a finished reply in the person's own chat, whoever writes it.
create function public.check_message_feedback() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and (new.message_id <> old.message_id or new.user_id <> old.user_id) then
    raise exception 'feedback keeps its reply and its author'
      using errcode = 'check_violation', constraint = 'message_feedback_immutable';
  end if;
  if not exists (
    select 1 from public.messages m
    where m.id = new.message_id and m.user_id = new.user_id and m.role = 'assistant'
      and m.status in ('complete', 'cancelled')
  ) then
    raise exception 'feedback is given on a finished reply in one''s own chat'
      using errcode = 'check_violation', constraint = 'message_feedback_own_reply';
  end if;
  return new;
end;
$$;
-- A trigger function only: nobody calls it through the Data API.
revoke execute on function public.check_message_feedback() from public, anon, authenticated;
create trigger message_feedback_check before insert or update on public.message_feedback
  for each row execute function public.check_message_feedback();

-- Shared snapshots: the active branch of a chat copied at sharing time. The id is the secret in
-- the link (at least 128 random bits, base64url, made by the app). No author email or name is
-- stored; revoking deletes the snapshot (its messages go with it).
create table public.shared_chats (
  id text primary key check (id ~ '^[A-Za-z0-9_-]{22,64}$'),
  user_id text not null references public.users (id) on delete cascade,
  chat_id uuid not null references public.chats (id) on delete cascade,
  title text not null check (char_length(title) <= 200),
  message_count integer not null check (message_count between 1 and 10000),
  created_at timestamptz not null default now()
);
create index shared_chats_user on public.shared_chats (user_id, created_at desc);
create index shared_chats_chat on public.shared_chats (chat_id);

create table public.shared_messages (
  share_id text not null references public.shared_chats (id) on delete cascade,
  position integer not null check (position >= 0),
  role text not null check (role in ('user', 'assistant')),
  content text not null check (char_length(content) <= 200000),
  assistant_name text check (char_length(assistant_name) <= 100),
  created_at timestamptz not null,
  primary key (share_id, position)
);

-- Imported chats: which source item each came from (a ChatGPT conversation id, or a chat of this
-- app's archive), so importing the same file again creates nothing new.
create table public.chat_imports (
  user_id text not null references public.users (id) on delete cascade,
  source_key text not null check (char_length(source_key) between 1 and 300),
  chat_id uuid references public.chats (id) on delete set null,
  imported_at timestamptz not null default now(),
  primary key (user_id, source_key)
);
create index chat_imports_chat on public.chat_imports (chat_id);

alter table public.message_feedback enable row level security;
alter table public.shared_chats enable row level security;
alter table public.shared_messages enable row level security;
alter table public.chat_imports enable row level security;
revoke all on public.message_feedback, public.shared_chats, public.shared_messages,
  public.chat_imports from anon, authenticated;
grant all on public.message_feedback, public.shared_chats, public.shared_messages,
  public.chat_imports to service_role;

grant select, delete on public.message_feedback to authenticated;
grant insert (message_id, user_id, rating) on public.message_feedback to authenticated;
grant update (rating) on public.message_feedback to authenticated;
create policy message_feedback_select_own on public.message_feedback for select to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'));
create policy message_feedback_insert_own on public.message_feedback for insert to authenticated
  with check (user_id = (select auth.jwt() ->> 'sub'));
create policy message_feedback_update_own on public.message_feedback for update to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'))
  with check (user_id = (select auth.jwt() ->> 'sub'));
create policy message_feedback_delete_own on public.message_feedback for delete to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'));

-- The owner lists their links (read only; the snapshot's text is read by the server).
grant select (id, chat_id, title, message_count, created_at, user_id)
  on public.shared_chats to authenticated;
create policy shared_chats_select_own on public.shared_chats for select to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'));
