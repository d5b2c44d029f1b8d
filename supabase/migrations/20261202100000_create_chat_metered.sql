-- The REST create's one statement as a function (issue 13): the API key's rate-limit point
-- (rate-limiter-flexible's RateLimiterPostgres upsert on public.rate_limits, same row, same window
-- arithmetic, so the limiter and this function count on one row), then, only when the point is
-- within the limit, the chat for a user named by id with the active assistant (the given one or
-- the default), then on a retry after a lost answer the chat the first attempt committed (the
-- caller chooses the id). One row: the points used in the window, this call's included, the
-- window's end, and the chat's columns (null when over the limit or the user or assistant is
-- missing).
--
-- It was one statement of CTEs sent as text, which PostgreSQL parsed and planned on every create
-- (about 0.4 ms of server CPU each, as much as the insert itself); PL/pgSQL keeps the plans of
-- its statements for the connection's life. Same transaction as before: the point, the checks
-- and the insert commit or roll back together.
--
-- SECURITY INVOKER, for the service path only: the point's row and `source` are written on the
-- service's grants, so neither the Data API's roles nor PUBLIC may call it.
create function public.create_chat_metered(
  chat_id uuid,
  chat_user_id text,
  chat_assistant_id uuid,
  chat_title text,
  chat_title_source text,
  chat_source text,
  meter_key text,
  meter_points integer,
  meter_now bigint,
  meter_expire bigint
) returns table (
  metered_points integer,
  metered_expire bigint,
  id uuid,
  user_id text,
  assistant_id uuid,
  title text,
  title_source text,
  source text,
  openai_conversation_id text,
  active_leaf_id uuid,
  created_at timestamptz,
  updated_at timestamptz,
  last_activity_at timestamptz,
  personal_instructions boolean,
  pinned_at timestamptz,
  archived_at timestamptz
)
language plpgsql volatile security invoker set search_path = '' as $$
#variable_conflict use_column
declare
  points integer;
  expire bigint;
begin
  insert into public.rate_limits as r (key, points, expire)
  values (create_chat_metered.meter_key, 1, create_chat_metered.meter_expire)
  on conflict (key) do update set
    points = case when r.expire <= create_chat_metered.meter_now then 1 else r.points + 1 end,
    expire = case when r.expire <= create_chat_metered.meter_now
      then create_chat_metered.meter_expire else r.expire end
  returning r.points, r.expire into points, expire;

  if points <= create_chat_metered.meter_points then
    return query
    with inserted as (
      insert into public.chats as c (id, user_id, assistant_id, title, title_source, source)
      select create_chat_metered.chat_id, u.id, a.id, create_chat_metered.chat_title,
             create_chat_metered.chat_title_source, create_chat_metered.chat_source
        from public.users u, public.assistants a
       where u.id = create_chat_metered.chat_user_id and a.archived_at is null
         and (case when create_chat_metered.chat_assistant_id is null then a.is_default
              else a.id = create_chat_metered.chat_assistant_id end)
       limit 1
      on conflict (id) do nothing
      returning c.*
    ), chat as (
      select i.* from inserted i
      union all
      select c.* from public.chats c
       where c.id = create_chat_metered.chat_id and not exists (select from inserted)
    )
    select points, expire, chat.id, chat.user_id, chat.assistant_id, chat.title,
           chat.title_source, chat.source, chat.openai_conversation_id, chat.active_leaf_id,
           chat.created_at, chat.updated_at, chat.last_activity_at, chat.personal_instructions,
           chat.pinned_at, chat.archived_at
      from chat;
    if found then
      return;
    end if;
  end if;
  -- Over the limit, or no such user or assistant: the point alone.
  metered_points := points;
  metered_expire := expire;
  return next;
end;
$$;
revoke execute on function public.create_chat_metered(
  uuid, text, uuid, text, text, text, text, integer, bigint, bigint
) from public, anon, authenticated;
grant execute on function public.create_chat_metered(
  uuid, text, uuid, text, text, text, text, integer, bigint, bigint
) to service_role;
