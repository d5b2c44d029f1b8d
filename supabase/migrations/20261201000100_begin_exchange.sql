-- A send's three writes in one call (one round trip instead of three): the person's question
-- under `parent_id`, the reply the database starts under it (begin_reply: users may not write
-- assistant messages themselves) and the chat's active leaf on that reply. Each is a statement of
-- its own inside the function, so the triggers fire exactly as they did for three statements
-- (bump_chat_activity moves the leaf along a send at the tip, one chat change per message), and
-- the leaf is moved explicitly only when the question went elsewhere (an edit).
--
-- SECURITY INVOKER: the question and the leaf are written under the caller's grants and RLS, as
-- the statements it replaces were, so through the Data API it allows nothing a caller could not
-- already do with an insert, begin_reply and an update. Returns the question, then the reply.
create function public.begin_exchange(
  chat_id uuid,
  parent_id uuid,
  content text,
  question_id uuid default null
) returns setof public.messages
language plpgsql volatile security invoker set search_path = '' as $$
declare
  question public.messages;
  reply public.messages;
begin
  insert into public.messages (id, chat_id, user_id, role, content, status, parent_id)
  values (
    coalesce(begin_exchange.question_id, gen_random_uuid()),
    begin_exchange.chat_id,
    (select auth.jwt() ->> 'sub'),
    'user',
    begin_exchange.content,
    'complete',
    begin_exchange.parent_id
  )
  returning * into question;
  select * into reply from public.begin_reply(question.id);
  if reply.id is null then
    return next question;
    return;
  end if;
  update public.chats set active_leaf_id = reply.id
  where id = question.chat_id and active_leaf_id is distinct from reply.id;
  return next question;
  return next reply;
end;
$$;
revoke execute on function public.begin_exchange(uuid, uuid, text, uuid) from public, anon;
grant execute on function public.begin_exchange(uuid, uuid, text, uuid) to authenticated, service_role;
