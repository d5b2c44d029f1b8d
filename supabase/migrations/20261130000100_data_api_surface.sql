-- The Data API is a public surface: Supabase serves the exposed schemas to anyone holding the anon
-- key, and a Clerk session token makes the caller `authenticated` with its claims. So the grants,
-- policies and constraints below allow a user exactly what the app's procedures write for them,
-- with the same limits; everything else (identity, replies, provenance) is written on the service
-- path only (service_role, or the table owner in SECURITY DEFINER functions with their own checks).
-- The server's user-scoped queries run as `authenticated` with the user's claims too, so they are
-- held to the same rules.

-- Users: identity (email, name, image) comes from Clerk, written by provisioning and webhooks on
-- the service path. A user may read their own row and nothing more: an email they could set would
-- receive chats created "by email" and could match ADMIN_EMAILS.
drop policy users_insert_own on public.users;
drop policy users_update_own on public.users;
revoke insert, update, delete on public.users from authenticated;

-- Assistants: users see what the picker shows. `instructions` is the operator's configuration
-- (a system prompt), read only by the run on the service path, so it is not readable by users.
revoke select on public.assistants from authenticated;
grant select (id, slug, name, description, model, temperature, max_output_tokens, is_default,
  archived_at, created_at, updated_at) on public.assistants to authenticated;

-- Chats: chat.create writes the owner, assistant, title and whether the title is the user's or a
-- placeholder; chat.rename writes a title the user chose; chat.delete removes one. `source`
-- (app/api) and `openai_conversation_id` are written on the service path only.
revoke insert, update on public.chats from authenticated;
grant insert (user_id, assistant_id, title, title_source) on public.chats to authenticated;
grant update (title, title_source) on public.chats to authenticated;

drop policy chats_insert_own on public.chats;
create policy chats_insert_own on public.chats for insert to authenticated
  with check (
    user_id = (select auth.jwt() ->> 'sub')
    and title_source in ('placeholder', 'user')
    -- As resolveAssistant: only an assistant in service.
    and exists (
      select 1 from public.assistants a
      where a.id = chats.assistant_id and a.archived_at is null
    )
  );

drop policy chats_update_own on public.chats;
create policy chats_update_own on public.chats for update to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'))
  with check (user_id = (select auth.jwt() ->> 'sub') and title_source = 'user');

-- Messages: message.send writes the person's own message (complete, within the app's length
-- limit). Assistant replies (role, status, content, error, model, usage, response id) are written
-- by the run on the service path; the two things a user's request does to a reply, creating the
-- placeholder it streams into and putting a finished reply back in flight, are the functions
-- below, with the procedures' checks.
revoke insert, update, delete on public.messages from authenticated;
grant insert (id, chat_id, user_id, role, content, status) on public.messages to authenticated;

drop policy messages_insert_own on public.messages;
drop policy messages_update_own on public.messages;
drop policy messages_delete_own on public.messages;
create policy messages_insert_own on public.messages for insert to authenticated
  with check (
    user_id = (select auth.jwt() ->> 'sub')
    and role = 'user'
    and status = 'complete'
  );

-- The app accepts at most 32,000 characters from a person (MESSAGE_MAX_CHARS, counted in UTF-16
-- units, so never more code points than this); replies keep the column's larger bound.
alter table public.messages add constraint messages_user_content_length
  check (role <> 'user' or char_length(content) <= 32000);

-- The reply placeholder of message.send: an empty assistant message in `streaming` status, in
-- the caller's own chat, answering the question that is the chat's last message. No row when the
-- chat is not the caller's or nothing waits for an answer; the one-reply-in-flight index still
-- refuses a second.
create function public.begin_reply(chat_id uuid) returns setof public.messages
language sql volatile security definer set search_path = '' as $$
  insert into public.messages (chat_id, user_id, role, content, status)
  select c.id, c.user_id, 'assistant', '', 'streaming'
  from public.chats c
  where c.id = begin_reply.chat_id
    and c.user_id = (select auth.jwt() ->> 'sub')
    and (
      select m.role from public.messages m
      where m.chat_id = c.id
      order by m.created_at desc, m.id desc
      limit 1
    ) = 'user'
  returning *;
$$;

-- message.retry / message.regenerate: a finished reply of the caller's goes back in flight with
-- empty text and no outcome. No row when it is not the caller's, not a reply, or still running.
create function public.restart_reply(message_id uuid) returns setof public.messages
language sql volatile security definer set search_path = '' as $$
  update public.messages m
  set status = 'streaming', content = '', error_code = null, error_message = null, model = null,
      usage = null, openai_response_id = null, completed_at = null
  where m.id = restart_reply.message_id
    and m.user_id = (select auth.jwt() ->> 'sub')
    and m.role = 'assistant'
    and m.status not in ('pending', 'streaming')
  returning m.*;
$$;

-- Functions are executable by PUBLIC by default (and Supabase grants new ones to anon and
-- authenticated): only these two are for users; trigger functions are for triggers.
revoke execute on function public.begin_reply(uuid), public.restart_reply(uuid)
  from public, anon;
grant execute on function public.begin_reply(uuid), public.restart_reply(uuid)
  to authenticated, service_role;
revoke execute on function public.touch_updated_at(), public.bump_chat_activity(),
  public.broadcast_row_change() from public, anon, authenticated;

-- Realtime: realtime.send does `SET LOCAL realtime.topic`, which stays set for the rest of the
-- transaction, so after any broadcasting write of their own a user's realtime.topic() names their
-- topic. The policy therefore checks the row's topic as well: a user reads only rows of
-- `user:<their id>`, and only while joining that topic.
drop policy user_topic_receive on realtime.messages;
create policy user_topic_receive on realtime.messages for select to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and realtime.messages.topic = 'user:' || (select auth.jwt() ->> 'sub')
    and realtime.messages.topic = (select realtime.topic())
  );
