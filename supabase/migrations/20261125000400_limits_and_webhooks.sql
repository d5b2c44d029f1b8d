-- Service-only bookkeeping: rate-limit counters (rate-limiter-flexible's Postgres store, so limits
-- hold across server processes without another server) and the Clerk webhook deliveries already
-- processed (a replayed delivery changes nothing).

create table public.rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
create index rate_limits_expire on public.rate_limits (expire);

create table public.webhook_deliveries (
  id text primary key check (char_length(id) between 1 and 255),
  source text not null check (source in ('clerk')),
  event_type text not null check (char_length(event_type) <= 100),
  received_at timestamptz not null default now()
);

alter table public.rate_limits enable row level security;
alter table public.webhook_deliveries enable row level security;
revoke all on public.rate_limits, public.webhook_deliveries from anon, authenticated;
grant all on public.rate_limits, public.webhook_deliveries to service_role;
