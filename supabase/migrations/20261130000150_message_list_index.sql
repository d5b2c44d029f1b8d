-- A chat's messages in order, under Row Level Security. The RLS policy adds `user_id = <caller>`
-- to every user-scoped read, and with (chat_id, created_at, id) alone the planner AND-ed that
-- index with messages_user (every message of the person) and sorted the chat's whole history to
-- return one page: 46 ms for the newest 50 of a 10,000-message chat in `pnpm bench`. With the
-- owner inside the index, the page is one ordered index scan that stops after `limit` rows.
-- A message's user_id is always its chat's owner (the foreign key on (chat_id, user_id)), so the
-- column splits no chat's entries: it only lets the scan satisfy the policy in order.
drop index if exists public.messages_chat_time;
create index messages_chat_time on public.messages (chat_id, user_id, created_at, id);
