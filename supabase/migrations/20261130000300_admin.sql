-- Assistants managed in the app, personal instructions, a usage ledger and monthly token budgets.
--
-- Data API surface: `authenticated` may read the assistants it may use (without their
-- instructions), its own usage, and read/write its own personal instructions. Everything an
-- administrator manages (assistant change history, budgets) has no grant to `authenticated`;
-- the app's admin procedures reach it on the service path only.

-- Assistants: starter prompts shown on an empty chat, and who may use them.
alter table public.assistants
  add column starter_prompts text[] not null default '{}'
    check (cardinality(starter_prompts) <= 6
      and array_position(starter_prompts, null) is null),
  -- 'everyone', or only the emails/domains in `allowed_users` (`ana@example.com`, `example.com`).
  add column visibility text not null default 'everyone'
    check (visibility in ('everyone', 'restricted')),
  add column allowed_users text[] not null default '{}'
    check (cardinality(allowed_users) <= 200
      and array_position(allowed_users, null) is null),
  add constraint assistants_restricted_has_users
    check (visibility = 'everyone' or cardinality(allowed_users) > 0),
  -- New chats start with the default assistant: it cannot be archived.
  add constraint assistants_default_active check (not (is_default and archived_at is not null));

-- Each starter prompt is one non-empty line of at most 200 characters (checked by a function:
-- a check constraint cannot hold a subquery over the array).
create function public.valid_starter_prompts(prompts text[]) returns boolean
language sql immutable set search_path = '' as $$
  select coalesce(bool_and(char_length(btrim(p)) between 1 and 200 and p !~ '[\r\n]'), true)
  from unnest(prompts) as p;
$$;
alter table public.assistants
  add constraint assistants_starter_prompts_valid check (public.valid_starter_prompts(starter_prompts));

-- An entry is a lower-case email or a domain.
create function public.valid_allowed_users(entries text[]) returns boolean
language sql immutable set search_path = '' as $$
  select coalesce(bool_and(
    e ~ '^([a-z0-9._%+''-]+@)?[a-z0-9-]+(\.[a-z0-9-]+)+$' and char_length(e) <= 320
  ), true)
  from unnest(entries) as e;
$$;
alter table public.assistants
  add constraint assistants_allowed_users_valid check (public.valid_allowed_users(allowed_users));

-- Whether the user may use the assistant: it is active, and open to everyone or lists the
-- user's email or its domain. SECURITY DEFINER so RLS policies can read the user's email.
create function public.can_use_assistant(target uuid, who text) returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1
    from public.assistants a
    where a.id = target
      and a.archived_at is null
      and (
        a.visibility = 'everyone'
        or exists (
          select 1 from public.users u
          where u.id = who
            and (lower(u.email) = any (a.allowed_users)
              or split_part(lower(u.email), '@', 2) = any (a.allowed_users))
        )
      )
  );
$$;
revoke all on function public.can_use_assistant(uuid, text) from public;
grant execute on function public.can_use_assistant(uuid, text) to authenticated, service_role;

-- People see the assistants they may use, and any assistant one of their chats used (so an old
-- chat still names it after it is archived or restricted).
drop policy assistants_select_active on public.assistants;
create policy assistants_select_usable on public.assistants for select to authenticated
  using (
    public.can_use_assistant(id, (select auth.jwt() ->> 'sub'))
    or exists (
      select 1 from public.chats c
      where c.assistant_id = assistants.id and c.user_id = (select auth.jwt() ->> 'sub')
    )
  );
-- Instructions are an administrator's configuration: not readable through the Data API.
revoke select on public.assistants from authenticated;
grant select (id, slug, name, description, model, temperature, max_output_tokens, is_default,
  archived_at, created_at, updated_at, starter_prompts, visibility)
  on public.assistants to authenticated;

-- A chat may only be pointed at an assistant its owner may use, whoever writes it.
create function public.check_chat_assistant() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (tg_op = 'INSERT' or new.assistant_id is distinct from old.assistant_id)
     and not public.can_use_assistant(new.assistant_id, new.user_id) then
    raise exception 'assistant % is not available to this user', new.assistant_id
      using errcode = '42501', hint = 'assistant_not_allowed';
  end if;
  return new;
end;
$$;
create trigger chats_check_assistant before insert or update of assistant_id on public.chats
  for each row execute function public.check_chat_assistant();

-- Who changed an assistant, when, and what: written by a trigger, so every path is recorded.
create table public.assistant_changes (
  id bigint generated always as identity primary key,
  assistant_id uuid not null references public.assistants (id) on delete cascade,
  action text not null check (action in ('create', 'update', 'archive', 'restore')),
  -- The admin who made it (set by the app with `zatten.actor_id`); null for SQL edits.
  changed_by text references public.users (id) on delete set null,
  changed_at timestamptz not null default now(),
  -- {column: {"from": old, "to": new}} for every column that changed.
  changes jsonb not null default '{}' check (jsonb_typeof(changes) = 'object')
);
create index assistant_changes_assistant on public.assistant_changes (assistant_id, changed_at desc);

create function public.record_assistant_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  actor text := nullif(current_setting('zatten.actor_id', true), '');
  diff jsonb := '{}';
  old_row jsonb := case when tg_op = 'UPDATE' then to_jsonb(old) else '{}' end;
  new_row jsonb := to_jsonb(new);
  col text;
  kind text;
begin
  for col in select jsonb_object_keys(new_row) loop
    continue when col in ('updated_at', 'created_at');
    if tg_op = 'INSERT' or old_row -> col is distinct from new_row -> col then
      diff := diff || jsonb_build_object(col,
        jsonb_build_object('from', old_row -> col, 'to', new_row -> col));
    end if;
  end loop;
  if tg_op = 'UPDATE' and diff = '{}' then
    return null;
  end if;
  kind := case
    when tg_op = 'INSERT' then 'create'
    when old.archived_at is null and new.archived_at is not null then 'archive'
    when old.archived_at is not null and new.archived_at is null then 'restore'
    else 'update'
  end;
  insert into public.assistant_changes (assistant_id, action, changed_by, changes)
  values (new.id, kind,
    (select u.id from public.users u where u.id = actor), diff);
  return null;
end;
$$;
create trigger assistants_record_change after insert or update on public.assistants
  for each row execute function public.record_assistant_change();

-- Personal instructions: what a person tells every assistant about themselves.
create table public.personal_instructions (
  user_id text primary key references public.users (id) on delete cascade,
  about_me text not null default '' check (char_length(about_me) <= 1500),
  how_to_answer text not null default '' check (char_length(how_to_answer) <= 1500),
  enabled boolean not null default true,
  updated_at timestamptz not null default now()
);
create trigger personal_instructions_touch before update on public.personal_instructions
  for each row execute function public.touch_updated_at();

-- Per chat, a person may switch their personal instructions off.
alter table public.chats
  add column personal_instructions boolean not null default true;

-- Which assistant wrote each reply: set by the database from the chat when a reply starts (a
-- send, retry or regenerate), so a chat shows where its assistant changed and an old chat still
-- names the assistant it used. Nobody writes it directly.
alter table public.messages
  add column assistant_id uuid references public.assistants (id) on delete set null;

-- Usage ledger: one row per finished run with usage. Kept apart from messages so deleting a
-- chat does not give tokens back to a budget.
create table public.usage_events (
  id bigint generated always as identity primary key,
  user_id text not null references public.users (id) on delete cascade,
  assistant_id uuid references public.assistants (id) on delete set null,
  chat_id uuid references public.chats (id) on delete set null,
  message_id uuid,
  input_tokens bigint not null default 0 check (input_tokens >= 0),
  output_tokens bigint not null default 0 check (output_tokens >= 0),
  total_tokens bigint not null default 0 check (total_tokens >= 0),
  created_at timestamptz not null default now()
);
create index usage_events_user_time on public.usage_events (user_id, created_at);
create index usage_events_time on public.usage_events (created_at);

-- Monthly token budgets: one installation default (null: none) and per-user overrides (null
-- monthly_tokens on an override: no limit for that person).
create table public.budget_settings (
  id boolean primary key default true check (id),
  default_monthly_tokens bigint check (default_monthly_tokens > 0),
  updated_by text references public.users (id) on delete set null,
  updated_at timestamptz not null default now()
);
insert into public.budget_settings (id) values (true);
create table public.user_budgets (
  user_id text primary key references public.users (id) on delete cascade,
  monthly_tokens bigint check (monthly_tokens > 0),
  updated_by text references public.users (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- The budget that applies to a person this month (null: unlimited).
create function public.monthly_token_budget(who text) returns bigint
language sql stable security definer set search_path = '' as $$
  select case
    when exists (select 1 from public.user_budgets b where b.user_id = who)
      then (select b.monthly_tokens from public.user_budgets b where b.user_id = who)
    else (select s.default_monthly_tokens from public.budget_settings s where s.id)
  end;
$$;

-- Tokens a person used since the start of this month (UTC).
create function public.tokens_used_this_month(who text) returns bigint
language sql stable security definer set search_path = '' as $$
  select coalesce(sum(e.total_tokens), 0)::bigint
  from public.usage_events e
  where e.user_id = who
    and e.created_at >= date_trunc('month', now() at time zone 'utc') at time zone 'utc';
$$;
revoke all on function public.monthly_token_budget(text), public.tokens_used_this_month(text)
  from public;
grant execute on function public.monthly_token_budget(text), public.tokens_used_this_month(text)
  to service_role;

-- A reply starting (inserted in flight, or put back in flight by a retry): record its assistant
-- and hold the budget. Under a budget, a person's runs start one at a time (an advisory lock for
-- the transaction) and only while their usage is below the budget with no other reply of theirs
-- in flight, so concurrent sends overshoot the budget by at most the one reply that started below it.
create function public.start_reply() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  budget bigint;
  used bigint;
begin
  if new.role <> 'assistant' then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    -- Only the database sets it; a reply keeps its assistant unless it starts again.
    new.assistant_id := old.assistant_id;
  end if;
  if new.status in ('pending', 'streaming')
     and (tg_op = 'INSERT' or old.status not in ('pending', 'streaming')) then
    select c.assistant_id into new.assistant_id from public.chats c where c.id = new.chat_id;
    -- An assistant archived or closed to this person since the chat chose it cannot answer.
    if not public.can_use_assistant(new.assistant_id, new.user_id) then
      raise exception 'the chat''s assistant is no longer available'
        using errcode = 'P0001', hint = 'assistant_unavailable';
    end if;
    budget := public.monthly_token_budget(new.user_id);
    if budget is not null then
      perform pg_advisory_xact_lock(hashtextextended('zatten_budget:' || new.user_id, 0));
      used := public.tokens_used_this_month(new.user_id);
      if used >= budget then
        raise exception 'monthly token budget reached (% of %)', used, budget
          using errcode = 'P0001', hint = 'budget_exceeded';
      end if;
      if exists (
        select 1 from public.messages m
        where m.user_id = new.user_id and m.role = 'assistant' and m.id <> new.id
          and m.status in ('pending', 'streaming')
      ) then
        raise exception 'another reply is in flight under a token budget'
          using errcode = 'P0001', hint = 'budget_run_active';
      end if;
    end if;
  end if;
  return new;
end;
$$;
-- Only a status or assistant change fires it: progress writes (content) stay as cheap as before.
create trigger messages_start_reply before insert or update of status, assistant_id
  on public.messages
  for each row execute function public.start_reply();

-- A run that ends with usage adds it to the ledger.
create function public.record_usage() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.role = 'assistant' and new.usage is not null
     and (tg_op = 'INSERT' or old.usage is null) then
    insert into public.usage_events
      (user_id, assistant_id, chat_id, message_id, input_tokens, output_tokens, total_tokens)
    values (
      new.user_id, new.assistant_id, new.chat_id, new.id,
      greatest(coalesce((new.usage ->> 'inputTokens')::bigint, 0), 0),
      greatest(coalesce((new.usage ->> 'outputTokens')::bigint, 0), 0),
      greatest(coalesce((new.usage ->> 'totalTokens')::bigint, 0), 0)
    );
  end if;
  return null;
end;
$$;
create trigger messages_record_usage after insert or update of usage on public.messages
  for each row execute function public.record_usage();

-- Grants and policies.
alter table public.assistant_changes enable row level security;
alter table public.personal_instructions enable row level security;
alter table public.usage_events enable row level security;
alter table public.budget_settings enable row level security;
alter table public.user_budgets enable row level security;
revoke all on public.assistant_changes, public.personal_instructions, public.usage_events,
  public.budget_settings, public.user_budgets from anon, authenticated;
grant all on public.assistant_changes, public.personal_instructions, public.usage_events,
  public.budget_settings, public.user_budgets to service_role;

grant select, insert, update, delete on public.personal_instructions to authenticated;
create policy personal_instructions_select_own on public.personal_instructions
  for select to authenticated using (user_id = (select auth.jwt() ->> 'sub'));
create policy personal_instructions_insert_own on public.personal_instructions
  for insert to authenticated with check (user_id = (select auth.jwt() ->> 'sub'));
create policy personal_instructions_update_own on public.personal_instructions
  for update to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'))
  with check (user_id = (select auth.jwt() ->> 'sub'));
create policy personal_instructions_delete_own on public.personal_instructions
  for delete to authenticated using (user_id = (select auth.jwt() ->> 'sub'));

grant select on public.usage_events to authenticated;
create policy usage_events_select_own on public.usage_events
  for select to authenticated using (user_id = (select auth.jwt() ->> 'sub'));

-- Chats: a person switches a chat's assistant (chat-settings: checked against who may use it by
-- chats_check_assistant) and turns their personal instructions off for it. These columns join the
-- per-column grants of the Data API surface; the title rule moves from the update policy into a
-- trigger, because a policy cannot see the old row: switching the assistant of a chat whose title
-- is still a placeholder must not force `title_source = 'user'`, while a title a person writes is
-- always theirs.
grant update (assistant_id, personal_instructions) on public.chats to authenticated;

drop policy chats_update_own on public.chats;
create policy chats_update_own on public.chats for update to authenticated
  using (user_id = (select auth.jwt() ->> 'sub'))
  with check (user_id = (select auth.jwt() ->> 'sub'));

create function public.chats_guard_user_title() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user = 'authenticated'
    and (new.title is distinct from old.title or new.title_source is distinct from old.title_source)
    and new.title_source <> 'user' then
    raise exception 'a title a person writes is theirs (title_source must be user)'
      using errcode = '42501';
  end if;
  return new;
end;
$$;
revoke execute on function public.chats_guard_user_title() from public, anon, authenticated;
create trigger chats_guard_user_title before update of title, title_source on public.chats
  for each row execute function public.chats_guard_user_title();

-- The insert policy of the Data API surface checked "an assistant in service" by reading
-- assistants; now that the assistants policy reads chats, that would recurse. The trigger
-- chats_check_assistant above enforces the stricter rule (in service and open to the owner) on
-- every path, so the policy keeps only the ownership and title rules.
drop policy chats_insert_own on public.chats;
create policy chats_insert_own on public.chats for insert to authenticated
  with check (
    user_id = (select auth.jwt() ->> 'sub')
    and title_source in ('placeholder', 'user')
  );

-- Personal instructions: a person writes their texts and the switch; the key is theirs (the
-- policies check it) and updated_at is the trigger's.
revoke insert, update on public.personal_instructions from authenticated;
grant insert (user_id, about_me, how_to_answer, enabled) on public.personal_instructions
  to authenticated;
grant update (about_me, how_to_answer, enabled) on public.personal_instructions to authenticated;

-- Trigger functions are for triggers, not for callers of the Data API (as the surface migration
-- does for the earlier ones).
revoke execute on function public.check_chat_assistant(), public.record_assistant_change(),
  public.record_usage(), public.start_reply() from public, anon, authenticated;
revoke execute on function public.valid_allowed_users(text[]), public.valid_starter_prompts(text[])
  from public, anon;
grant execute on function public.valid_allowed_users(text[]), public.valid_starter_prompts(text[])
  to authenticated, service_role;
