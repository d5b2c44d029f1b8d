-- A send updates its chat once, not once per message (issue 13). Every update of a chat row is a
-- Realtime broadcast to each of the person's tabs and devices, and the second update of the same
-- row in a send cost the database about a millisecond under load. begin_exchange names the
-- question it is writing in the transaction-local setting `zatten.exchange_question`;
-- bump_chat_activity skips that question and, for the reply under it, moves the leaf from where
-- the question was asked. The chat ends as before (activity, and the leaf on the reply when the
-- question was asked at the tip); the intermediate change, with the leaf on the question, is no
-- longer written or broadcast. Every other insert bumps its chat as before.
create or replace function public.bump_chat_activity() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  exchange text := current_setting('zatten.exchange_question', true);
  -- Where the leaf must be for this message to become it: its parent, or, for the reply of an
  -- exchange, its question's parent (the question's own bump was skipped).
  tip uuid := new.parent_id;
begin
  if exchange = new.id::text then
    return null;
  end if;
  if exchange = new.parent_id::text then
    select q.parent_id into tip from public.messages q where q.id = new.parent_id;
  end if;
  update public.chats
  set last_activity_at = greatest(last_activity_at, new.created_at),
      active_leaf_id = case
        -- Row triggers of a multi-row insert run at the end of the statement, when the message
        -- may already have replies under it: it is no tip then, and the leaf stays put.
        when active_leaf_id is not distinct from tip
          and not exists (
            select 1 from public.messages child
            where child.chat_id = new.chat_id and child.parent_id = new.id
          )
        then new.id
        else active_leaf_id
      end
  where id = new.chat_id
    and (last_activity_at < new.created_at or active_leaf_id is not distinct from tip);
  return null;
end;
$$;

-- As in 20261201000100, with the question named for bump_chat_activity while the question and
-- its reply are written. The setting is cleared before the function returns (and rolled back with
-- the transaction or savepoint on an error), so nothing else in the transaction is affected.
-- Setting it by hand only skips the bump of one's own message (its chat's activity and leaf),
-- which the grants allow a caller to set anyway.
create or replace function public.begin_exchange(
  chat_id uuid,
  parent_id uuid,
  content text,
  question_id uuid default null
) returns setof public.messages
language plpgsql volatile security invoker set search_path = '' as $$
declare
  asked uuid := coalesce(begin_exchange.question_id, gen_random_uuid());
  question public.messages;
  reply public.messages;
begin
  perform set_config('zatten.exchange_question', asked::text, true);
  insert into public.messages (id, chat_id, user_id, role, content, status, parent_id)
  values (
    asked,
    begin_exchange.chat_id,
    (select auth.jwt() ->> 'sub'),
    'user',
    begin_exchange.content,
    'complete',
    begin_exchange.parent_id
  )
  returning * into question;
  select * into reply from public.begin_reply(question.id);
  perform set_config('zatten.exchange_question', '', true);
  if reply.id is null then
    -- Not answerable (the caller's own question always is): the callers roll back.
    return next question;
    return;
  end if;
  -- Asked elsewhere than at the tip (an edit): the leaf moves here explicitly.
  update public.chats set active_leaf_id = reply.id
  where id = question.chat_id and active_leaf_id is distinct from reply.id;
  return next question;
  return next reply;
end;
$$;
