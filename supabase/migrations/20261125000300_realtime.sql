-- Realtime: every committed change to a chat or message is broadcast to the owner's private
-- topic `user:<user_id>` (Broadcast from Database). Triggers see writes from any client, so
-- Realtime does not depend on which driver made the change.
--
-- Payload: { table, op, id, chat_id?, record, ref }. A message whose content is large travels
-- as a reference (record without `content`, ref = true) and the client refetches it; everything
-- else carries the row.

create function public.broadcast_row_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  row_data jsonb;
  owner text;
  is_ref boolean := false;
begin
  if tg_op = 'DELETE' then
    row_data := to_jsonb(old);
    owner := old.user_id;
  else
    row_data := to_jsonb(new);
    owner := new.user_id;
  end if;

  if tg_table_name = 'messages' then
    if tg_op = 'DELETE' then
      row_data := jsonb_build_object('id', old.id, 'chat_id', old.chat_id);
      is_ref := true;
    elsif octet_length(row_data ->> 'content') > 6000 then
      row_data := row_data - 'content'
        || jsonb_build_object('content_length', char_length(row_data ->> 'content'));
      is_ref := true;
    end if;
  elsif tg_op = 'DELETE' then
    row_data := jsonb_build_object('id', old.id);
  end if;

  perform realtime.send(
    jsonb_build_object(
      'table', tg_table_name,
      'op', lower(tg_op),
      'id', row_data ->> 'id',
      'record', row_data,
      'ref', is_ref
    ),
    tg_table_name || '.' || lower(tg_op),
    'user:' || owner,
    true
  );
  return null;
end;
$$;

create trigger chats_broadcast after insert or update or delete on public.chats
  for each row execute function public.broadcast_row_change();
create trigger messages_broadcast after insert or update or delete on public.messages
  for each row execute function public.broadcast_row_change();

-- Who may join `user:<id>`: only that user, only for broadcast.
create policy user_topic_receive on realtime.messages for select to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and (select realtime.topic()) = 'user:' || (select auth.jwt() ->> 'sub')
  );
