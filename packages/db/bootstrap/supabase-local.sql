-- Local stand-ins for the Supabase objects the migrations rely on. Applied to plain Postgres
-- only (the runner skips it when it detects Supabase); never part of supabase/migrations.
-- Idempotent: every statement may run again.

-- Roles PostgREST and Realtime use. Roles are cluster-wide, so concurrent test databases on one
-- server may race to create them: duplicate_object is fine.
do $$
begin
  begin create role anon nologin noinherit; exception when duplicate_object then null; end;
  begin create role authenticated nologin noinherit; exception when duplicate_object then null; end;
  begin create role service_role nologin noinherit bypassrls; exception when duplicate_object then null; end;
end;
$$;

grant usage on schema public to anon, authenticated, service_role;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

-- As on Supabase: the claims PostgREST puts in `request.jwt.claims` for this transaction.
create or replace function auth.jwt() returns jsonb
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create or replace function auth.role() returns text
language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

grant execute on function auth.jwt(), auth.role() to anon, authenticated, service_role;

create schema if not exists realtime;
grant usage on schema realtime to anon, authenticated, service_role;

-- Supabase stores broadcasts in realtime.messages (partitioned, kept for days) and authorizes
-- private channels with RLS on it. Locally the same table also feeds the LISTEN relay: a NOTIFY
-- carries only the row id, so payloads are not bound by NOTIFY's 8000-byte limit, and a relay
-- that reconnects reads what it missed by id.
create table if not exists realtime.messages (
  id bigint generated always as identity primary key,
  topic text not null,
  extension text not null default 'broadcast',
  event text,
  payload jsonb,
  private boolean not null default true,
  inserted_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists messages_topic_id on realtime.messages (topic, id);
create index if not exists messages_inserted_at on realtime.messages (inserted_at);
alter table realtime.messages enable row level security;
grant select on realtime.messages to authenticated;

-- The topic a Realtime join asks for, as Realtime sets it while checking the RLS policy.
create or replace function realtime.topic() returns text
language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')
$$;
grant execute on function realtime.topic() to anon, authenticated, service_role;

-- As Supabase's: the topic is SET LOCAL, so realtime.topic() names it for the rest of the
-- transaction (the realtime.messages policy must not rely on realtime.topic() alone).
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql security definer set search_path = '' as $$
declare
  new_id bigint;
begin
  perform set_config('realtime.topic', topic, true);
  insert into realtime.messages (topic, extension, event, payload, private)
  values (topic, 'broadcast', event, payload, private)
  returning id into new_id;
  perform pg_notify('zatten_realtime', json_build_object('id', new_id, 'topic', topic)::text);
end;
$$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(
    jsonb_build_object(
      'operation', operation, 'table', table_name, 'schema', table_schema,
      'record', case when new is null then null else to_jsonb(new) end,
      'old_record', case when old is null then null else to_jsonb(old) end
    ),
    event_name, topic_name, true
  );
end;
$$;
