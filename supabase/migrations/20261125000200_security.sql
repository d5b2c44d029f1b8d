-- Row Level Security: the Clerk user id in the JWT `sub` claim owns rows. The server's user-scoped
-- queries run as `authenticated` with `request.jwt.claims` set, exactly as PostgREST does, so
-- these policies guard every path. `(select auth.jwt() ...)` is evaluated once per statement.

alter table public.users enable row level security;
alter table public.assistants enable row level security;
alter table public.chats enable row level security;
alter table public.messages enable row level security;
alter table public.api_keys enable row level security;
alter table public.idempotency_keys enable row level security;

-- Explicit grants: nothing relies on a platform's default privileges.
revoke all on public.users, public.assistants, public.chats, public.messages,
  public.api_keys, public.idempotency_keys from anon, authenticated;
grant select, insert, update on public.users to authenticated;
grant select on public.assistants to authenticated;
grant select, insert, update, delete on public.chats to authenticated;
grant select, insert, update, delete on public.messages to authenticated;
grant all on public.users, public.assistants, public.chats, public.messages,
  public.api_keys, public.idempotency_keys to service_role;

create policy users_select_own on public.users for select to authenticated
  using (id = (select auth.jwt() ->> 'sub'));
create policy users_insert_own on public.users for insert to authenticated
  with check (id = (select auth.jwt() ->> 'sub'));
create policy users_update_own on public.users for update to authenticated
  using (id = (select auth.jwt() ->> 'sub'))
  with check (id = (select auth.jwt() ->> 'sub'));

create policy assistants_select_active on public.assistants for select to authenticated
  using (archived_at is null);

create policy chats_select_own on public.chats for select to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'));
create policy chats_insert_own on public.chats for insert to authenticated
  with check (user_id = (select auth.jwt() ->> 'sub'));
create policy chats_update_own on public.chats for update to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'))
  with check (user_id = (select auth.jwt() ->> 'sub'));
create policy chats_delete_own on public.chats for delete to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'));

create policy messages_select_own on public.messages for select to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'));
create policy messages_insert_own on public.messages for insert to authenticated
  with check (user_id = (select auth.jwt() ->> 'sub'));
create policy messages_update_own on public.messages for update to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'))
  with check (user_id = (select auth.jwt() ->> 'sub'));
create policy messages_delete_own on public.messages for delete to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'));

-- api_keys and idempotency_keys: RLS on and no policy for anon/authenticated; only the service
-- path (service_role, or the table owner) reaches them.
