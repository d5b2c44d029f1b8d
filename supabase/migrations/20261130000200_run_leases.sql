-- Which server process runs each reply in flight. A process holds a session advisory lock on its
-- own random key for as long as it lives; a lease names that key. When the process dies (even by
-- SIGKILL) Postgres ends its session and frees the lock at once, so any other process can tell
-- the reply is orphaned without waiting for a heartbeat to go stale. Service-only bookkeeping.

create table public.run_leases (
  message_id uuid primary key references public.messages (id) on delete cascade,
  owner_key bigint not null,
  leased_at timestamptz not null default now()
);
create index run_leases_owner on public.run_leases (owner_key);

alter table public.run_leases enable row level security;
revoke all on public.run_leases from anon, authenticated;
grant all on public.run_leases to service_role;

-- The housekeeping sweep deletes deliveries older than their replay window by this column.
create index webhook_deliveries_received on public.webhook_deliveries (received_at);
