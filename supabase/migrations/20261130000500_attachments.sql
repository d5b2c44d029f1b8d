-- Files in chats (issue 16). An attachment is a stored object (Supabase Storage in hosted mode, a
-- disk store locally) plus this row: its owner, the name the person gave it, the type detected
-- from its content, its size and where it is stored. It moves pending (upload URL issued) ->
-- uploaded (the server read it and checked its type) -> attached (sent with a question).
-- Every write is the service path's: the app checks ownership and limits, and the database checks
-- them again here (limits table, trigger); a signed-in user may only read their own rows.

-- The limits, one row. The server writes its configured values here when it starts
-- (ATTACHMENT_MAX_FILE_BYTES, ATTACHMENT_MAX_FILES_PER_MESSAGE, ATTACHMENT_QUOTA_BYTES_PER_USER),
-- so the database enforces the same numbers the app does, whoever writes.
create table public.attachment_limits (
  id boolean primary key default true check (id),
  max_file_bytes bigint not null default 10485760 check (max_file_bytes between 1 and 104857600),
  max_files_per_message integer not null default 5 check (max_files_per_message between 1 and 20),
  quota_bytes_per_user bigint not null default 104857600 check (quota_bytes_per_user >= 1),
  updated_at timestamptz not null default now()
);
insert into public.attachment_limits (id) values (true);

create table public.attachments (
  id uuid primary key default gen_random_uuid(),
  user_id text not null references public.users (id) on delete cascade,
  chat_id uuid,
  message_id uuid references public.messages (id) on delete cascade,
  name text not null check (
    char_length(btrim(name)) between 1 and 255
    and name !~ '[\x01-\x1f\x7f/\\]'
  ),
  mime_type text check (mime_type in (
    'image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf',
    'text/plain', 'text/markdown', 'text/csv', 'application/json'
  )),
  size_bytes bigint not null check (size_bytes between 0 and 104857600),
  -- `<user id>/<random id>`: objects live under their owner's id (the storage policy reads it).
  storage_key text not null check (
    char_length(storage_key) <= 300 and split_part(storage_key, '/', 1) = user_id
  ),
  status text not null default 'pending' check (status in ('pending', 'uploaded', 'attached')),
  -- clock_timestamp: files copied to an edited question in one transaction keep their order.
  created_at timestamptz not null default clock_timestamp(),
  foreign key (chat_id, user_id) references public.chats (id, user_id) on delete cascade,
  -- What was read has a type; what is sent belongs to a message in a chat.
  constraint attachments_typed check (status = 'pending' or mime_type is not null),
  constraint attachments_attached check (
    (status = 'attached') = (message_id is not null and chat_id is not null)
  )
);
create index attachments_user on public.attachments (user_id, created_at);
create index attachments_message on public.attachments (message_id) where message_id is not null;
create index attachments_chat on public.attachments (chat_id) where chat_id is not null;
create index attachments_unsent on public.attachments (created_at) where status <> 'attached';
-- Edits of a question copy its attachments to the new question, sharing the stored object.
create index attachments_storage_key on public.attachments (storage_key);

-- Objects whose last row is gone (a chat, user or upload deleted), waiting for the app to delete
-- them from storage (right after the delete commits, and by the housekeeping sweep).
create table public.storage_deletions (
  storage_key text primary key check (char_length(storage_key) <= 300),
  queued_at timestamptz not null default now()
);

-- Limits, checked whoever writes: size per file, files per message, bytes per person (distinct
-- objects: a question's edit shares its files). A per-person advisory lock serialises the sum.
create function public.check_attachment_limits() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  limits public.attachment_limits%rowtype;
  used bigint;
  on_message integer;
begin
  select * into limits from public.attachment_limits where id;
  if new.size_bytes > limits.max_file_bytes then
    raise exception 'attachment is larger than % bytes', limits.max_file_bytes
      using errcode = 'P0001', hint = 'attachment_too_large';
  end if;
  perform pg_advisory_xact_lock(hashtext('attachments:' || new.user_id));
  select coalesce(sum(size_bytes), 0) into used from (
    select distinct on (a.storage_key) a.size_bytes
    from public.attachments a
    where a.user_id = new.user_id and a.id <> new.id and a.storage_key <> new.storage_key
  ) objects;
  if used + new.size_bytes > limits.quota_bytes_per_user then
    raise exception 'storage quota of % bytes exceeded', limits.quota_bytes_per_user
      using errcode = 'P0001', hint = 'storage_quota_exceeded';
  end if;
  if new.message_id is not null then
    select count(*) into on_message from public.attachments a
    where a.message_id = new.message_id and a.id <> new.id;
    if on_message + 1 > limits.max_files_per_message then
      raise exception 'a message holds at most % files', limits.max_files_per_message
        using errcode = 'P0001', hint = 'too_many_attachments';
    end if;
  end if;
  return new;
end;
$$;
create trigger attachments_limits before insert or update of size_bytes, message_id, user_id
  on public.attachments for each row execute function public.check_attachment_limits();

-- An attachment sits on a question of its owner's chat (never a reply, never someone else's).
create function public.check_attachment_message() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.message_id is not null and not exists (
    select 1 from public.messages m
    where m.id = new.message_id and m.chat_id = new.chat_id and m.user_id = new.user_id
      and m.role = 'user'
  ) then
    raise exception 'an attachment belongs to a question in its owner''s chat'
      using errcode = 'P0001', hint = 'attachment_message_mismatch';
  end if;
  return new;
end;
$$;
create trigger attachments_message before insert or update of message_id, chat_id
  on public.attachments for each row execute function public.check_attachment_message();

-- When the last row of an object goes (cascades from chats, messages, users included), queue the
-- object for deletion from storage.
create function public.queue_attachment_object() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.attachments a where a.storage_key = old.storage_key) then
    insert into public.storage_deletions (storage_key) values (old.storage_key)
    on conflict (storage_key) do nothing;
  end if;
  return null;
end;
$$;
create trigger attachments_queue_object after delete on public.attachments
  for each row execute function public.queue_attachment_object();

revoke execute on function public.check_attachment_limits(), public.check_attachment_message(),
  public.queue_attachment_object() from public, anon, authenticated;

alter table public.attachment_limits enable row level security;
alter table public.attachments enable row level security;
alter table public.storage_deletions enable row level security;
revoke all on public.attachment_limits, public.attachments, public.storage_deletions
  from anon, authenticated;
grant all on public.attachment_limits, public.attachments, public.storage_deletions
  to service_role;
-- People read their own attachments' rows (the chat shows them); they write none.
grant select on public.attachments to authenticated;
create policy attachments_select_own on public.attachments for select to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'));
-- The limits are shown in the composer.
grant select on public.attachment_limits to authenticated;
create policy attachment_limits_select on public.attachment_limits for select to authenticated
  using (true);

-- Supabase Storage: a private bucket and a policy letting a person read only the objects under
-- their own id. Uploads go through signed upload URLs the server issues (the token authorizes
-- them), deletions through the service key, so `authenticated` gets no insert/update/delete.
-- Plain Postgres has no `storage` schema: skipped there (the disk store signs its own URLs).
do $storage$
begin
  if exists (select 1 from pg_namespace where nspname = 'storage') then
    insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
    values ('attachments', 'attachments', false, 104857600, array[
      'image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf',
      'text/plain', 'text/markdown', 'text/csv', 'application/json'
    ])
    on conflict (id) do nothing;
    execute $policy$
      create policy attachments_read_own on storage.objects for select to authenticated
      using (
        bucket_id = 'attachments'
        and (storage.foldername(name))[1] = (select auth.jwt() ->> 'sub')
      )
    $policy$;
  end if;
end;
$storage$;
