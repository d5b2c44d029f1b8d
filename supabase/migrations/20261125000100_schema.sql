-- Zatten Chat: the data model. Deploys unchanged to Supabase (`supabase db push`); on plain
-- Postgres, packages/db applies its local bootstrap first to provide the Supabase objects used
-- here (roles, auth.jwt(), the realtime schema).

-- Users, keyed by the Clerk user id.
create table public.users (
  id text primary key check (char_length(id) between 1 and 128),
  email text not null check (char_length(email) between 3 and 320 and position('@' in email) > 1),
  name text check (char_length(name) <= 200),
  image_url text check (char_length(image_url) <= 2048),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_lower_key on public.users (lower(email));

-- Assistants: named model configurations (what the retired Assistants API used to hold).
create table public.assistants (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text not null check (char_length(btrim(name)) between 1 and 100),
  description text not null default '' check (char_length(description) <= 500),
  model text not null check (char_length(model) between 1 and 100),
  instructions text not null default '' check (char_length(instructions) <= 32000),
  temperature real check (temperature between 0 and 2),
  max_output_tokens integer check (max_output_tokens between 1 and 128000),
  is_default boolean not null default false,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- At most one default assistant.
create unique index assistants_one_default on public.assistants (is_default) where is_default;

insert into public.assistants (slug, name, description, model, instructions, is_default)
values (
  'zatten',
  'Zatten',
  'General assistant',
  'gpt-5-mini',
  'You are Zatten, a helpful assistant. Answer in the language the user writes in. Use Markdown for structure and fenced code blocks for code.',
  true
);

-- Chats. `last_activity_at` orders the sidebar; `title_source` records who named the chat so an
-- automatic title never overwrites one the user chose.
create table public.chats (
  id uuid primary key default gen_random_uuid(),
  user_id text not null references public.users (id) on delete cascade,
  assistant_id uuid not null references public.assistants (id) on delete restrict,
  title text not null check (char_length(btrim(title)) between 1 and 200 and title !~ '[\r\n]'),
  title_source text not null default 'placeholder'
    check (title_source in ('placeholder', 'user', 'assistant', 'api')),
  source text not null default 'app' check (source in ('app', 'api')),
  openai_conversation_id text check (char_length(openai_conversation_id) <= 128),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_activity_at timestamptz not null default now(),
  -- Lets messages reference (chat, owner) together, so a message can never belong to one user
  -- while sitting in another user's chat.
  unique (id, user_id)
);
-- A user's chats by recent activity, keyset-paginated on (last_activity_at, id).
create index chats_user_activity on public.chats (user_id, last_activity_at desc, id desc);
create index chats_assistant on public.chats (assistant_id);

-- Messages. Assistant replies move pending -> streaming -> complete | failed | cancelled.
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  chat_id uuid not null,
  user_id text not null,
  role text not null check (role in ('user', 'assistant')),
  content text not null default '' check (char_length(content) <= 200000),
  status text not null default 'complete'
    check (status in ('pending', 'streaming', 'complete', 'failed', 'cancelled')),
  error_code text check (char_length(error_code) <= 64),
  error_message text check (char_length(error_message) <= 1000),
  model text check (char_length(model) <= 100),
  openai_response_id text check (char_length(openai_response_id) <= 128),
  usage jsonb check (usage is null or jsonb_typeof(usage) = 'object'),
  -- clock_timestamp: a question and its reply are inserted in one transaction and must keep order.
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  foreign key (chat_id, user_id) references public.chats (id, user_id) on delete cascade,
  -- What a person sends is never empty, and is always complete.
  constraint messages_user_content check (
    role <> 'user' or (char_length(btrim(content)) > 0 and status = 'complete')
  ),
  -- A failure always says why.
  constraint messages_failed_has_code check (status <> 'failed' or error_code is not null)
);
-- A chat's messages by time, keyset-paginated on (created_at, id).
create index messages_chat_time on public.messages (chat_id, created_at, id);
create index messages_user on public.messages (user_id);
-- At most one reply in flight per chat.
create unique index messages_one_active_run on public.messages (chat_id)
  where status in ('pending', 'streaming');

-- API keys act for the whole installation (they may create chats for any user): only the
-- service path reads them. The secret is stored as a SHA-256 hash; the prefix is shown in lists.
create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 100),
  prefix text not null unique check (char_length(prefix) between 8 and 32),
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$'),
  scopes text[] not null default '{chats:create}'
    check (cardinality(scopes) > 0 and scopes <@ array['chats:create', 'chats:read']),
  created_by text references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Idempotency records for the REST API: the first result of a key is replayed to repeats.
create table public.idempotency_keys (
  api_key_id uuid not null references public.api_keys (id) on delete cascade,
  key text not null check (char_length(key) between 1 and 255),
  request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
  response_status integer check (response_status between 100 and 599),
  response_body jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '24 hours',
  primary key (api_key_id, key)
);
create index idempotency_keys_expiry on public.idempotency_keys (expires_at);

-- Keep updated_at honest whichever client writes.
create function public.touch_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger users_touch before update on public.users
  for each row execute function public.touch_updated_at();
create trigger assistants_touch before update on public.assistants
  for each row execute function public.touch_updated_at();
create trigger chats_touch before update on public.chats
  for each row execute function public.touch_updated_at();
create trigger messages_touch before update on public.messages
  for each row execute function public.touch_updated_at();

-- A new message is activity in its chat (moves it to the top of the sidebar).
create function public.bump_chat_activity() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.chats set last_activity_at = new.created_at
  where id = new.chat_id and last_activity_at < new.created_at;
  return null;
end;
$$;

create trigger messages_bump_chat after insert on public.messages
  for each row execute function public.bump_chat_activity();
