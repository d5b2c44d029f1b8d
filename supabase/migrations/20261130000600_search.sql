-- Issue 17: search inside messages, and pinned / archived chats.
--
-- Search runs in Postgres itself. People write in Portuguese and English, often mixed and often
-- without accents, so a document is indexed twice, through two text search configurations that
-- fold accents first (the `unaccent` dictionary) and then stem, one with the Portuguese and one
-- with the English Snowball stemmer; a query term matches either stem, as a prefix, so a word
-- being typed already finds its matches. Titles are also matched by substring through trigrams
-- (the sidebar's old title filter did substring matching). Both extensions are ones Supabase
-- offers; on Supabase they live in the `extensions` schema, and so they do here.
--
-- The indexes are expression indexes (no stored tsvector column), so no new column reaches the
-- Data API or the Realtime payloads, and nothing has to keep a derived column up to date.

create schema if not exists extensions;
create extension if not exists unaccent with schema extensions;
create extension if not exists pg_trgm with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;

create text search configuration public.zatten_pt (copy = pg_catalog.portuguese);
alter text search configuration public.zatten_pt
  alter mapping for hword, hword_part, word with extensions.unaccent, pg_catalog.portuguese_stem;
create text search configuration public.zatten_en (copy = pg_catalog.english);
alter text search configuration public.zatten_en
  alter mapping for hword, hword_part, word with extensions.unaccent, pg_catalog.english_stem;

-- `unaccent(text)` is only STABLE (it looks its dictionary up by name through the search path);
-- naming the dictionary makes the result depend on its rules alone, so the wrapper may be
-- IMMUTABLE and used in indexes.
create function public.search_fold(value text) returns text
language sql immutable parallel safe strict set search_path = '' as $$
  select lower(extensions.unaccent('extensions.unaccent'::regdictionary, value))
$$;

-- The indexed form of a title or a message: both languages' lexemes. Only the first 100,000
-- characters count (a tsvector holds at most 1 MB; replies may hold 200,000 characters).
create function public.search_document(body text) returns tsvector
language sql immutable parallel safe set search_path = '' as $$
  select to_tsvector('public.zatten_pt'::regconfig, left(coalesce(body, ''), 100000))
    || to_tsvector('public.zatten_en'::regconfig, left(coalesce(body, ''), 100000))
$$;

-- What a person typed, as a query: every word must match (AND), each in either language's stem,
-- as a prefix. Words are the parser's own tokens, so punctuation and operators in the input are
-- never query syntax; at most 8 words count. An input with no words (or only stop words) gives
-- an empty query, which matches nothing.
create function public.search_query(phrase text) returns tsquery
language plpgsql immutable parallel safe
-- to_tsquery says NOTICE for every stop word; nobody reads those.
set search_path = '' set client_min_messages = warning as $$
declare
  term text;
  pt tsquery;
  en tsquery;
  part tsquery;
  result tsquery;
  terms integer := 0;
begin
  for term in
    select t.token from pg_catalog.ts_parse('default', public.search_fold(coalesce(phrase, ''))) t
    where t.tokid in (1, 2, 3, 9, 10, 11, 20, 21, 22)
  loop
    terms := terms + 1;
    exit when terms > 8;
    pt := pg_catalog.to_tsquery('public.zatten_pt'::regconfig, quote_literal(term) || ':*');
    en := pg_catalog.to_tsquery('public.zatten_en'::regconfig, quote_literal(term) || ':*');
    -- A stop word in either language ("de", "the", "a") says nothing about the text.
    continue when pg_catalog.numnode(pt) = 0 or pg_catalog.numnode(en) = 0;
    part := case when pt = en then pt else pt || en end;
    result := case when result is null then part else result && part end;
  end loop;
  return coalesce(result, ''::tsquery);
end;
$$;

create index messages_search_idx on public.messages using gin (public.search_document(content));
create index chats_search_idx on public.chats using gin (public.search_document(title));
create index chats_title_trgm_idx on public.chats
  using gin (public.search_fold(title) extensions.gin_trgm_ops);

-- Pinned chats come first in the list; archived chats leave it (an "Archived" view restores
-- them) but search still finds them. Archiving unpins: a chat is never both.
alter table public.chats add column pinned_at timestamptz;
alter table public.chats add column archived_at timestamptz;
alter table public.chats add constraint chats_pinned_or_archived
  check (pinned_at is null or archived_at is null);
create index chats_user_archived_idx on public.chats (user_id, last_activity_at desc, id desc)
  where archived_at is not null;

-- Data API surface: pin and archive are the person's own choices about their own chats (the
-- update policy already limits rows to the owner).
grant update (pinned_at, archived_at) on public.chats to authenticated;

-- A snippet of `body` around the query's matches, as plain text with U+E000 before and U+E001
-- after each match (the markers are taken out of the text first, so text can never fake one).
-- `whole` keeps all of a short text (a title). The Portuguese configuration is tried first; when
-- it marks nothing (the match was an English stem), the English one.
create function public.search_highlight(body text, query tsquery, whole boolean) returns text
language sql immutable parallel safe set search_path = '' as $$
  with input as (
    select translate(left(coalesce(body, ''), 100000), chr(57344) || chr(57345), '') as text,
      format('StartSel=%s, StopSel=%s, %s', chr(57344), chr(57345),
        case when whole then 'HighlightAll=true'
        else 'MaxWords=28, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
        end) as options
  ),
  pt as (
    select pg_catalog.ts_headline('public.zatten_pt'::regconfig, input.text, query, input.options)
      as text
    from input
  )
  select case when strpos(pt.text, chr(57344)) > 0 then pt.text
    else pg_catalog.ts_headline('public.zatten_en'::regconfig, input.text, query, input.options)
    end
  from pt, input
$$;

-- The search itself, as the caller (SECURITY INVOKER: Row Level Security scopes it, for the
-- server's user-scoped path and for Data API callers alike; the explicit owner filter also makes
-- a caller without claims find nothing). One row per chat: its best message (if a message
-- matched), ranked by title and message relevance; keyset pages on (rank, chat id). Snippets are
-- plain text with U+E000 / U+E001 around matches (those characters are removed from the text
-- first), for the caller to render as text, never as HTML.
create function public.search_chats(
  phrase text,
  page_size integer default 20,
  after_rank double precision default null,
  after_chat uuid default null
) returns table (
  chat_id uuid,
  title text,
  pinned_at timestamptz,
  archived_at timestamptz,
  last_activity_at timestamptz,
  message_id uuid,
  message_role text,
  message_created_at timestamptz,
  on_active_branch boolean,
  rank double precision,
  title_snippet text,
  snippet text
)
language sql stable security invoker set search_path = '' as $$
  with q as (
    select public.search_query(phrase) as query,
      '%' || replace(replace(replace(public.search_fold(btrim(coalesce(phrase, ''))), '\', '\\'),
        '%', '\%'), '_', '\_') || '%' as pattern,
      (select auth.jwt() ->> 'sub') as me
  ),
  message_hits as (
    select distinct on (m.chat_id) m.chat_id, m.id, m.role, m.created_at, m.content,
      pg_catalog.ts_rank_cd(public.search_document(m.content), q.query)::double precision as rank
    from public.messages m, q
    where pg_catalog.numnode(q.query) > 0
      and m.user_id = q.me
      and public.search_document(m.content) @@ q.query
    order by m.chat_id, 3 desc, m.created_at desc
  ),
  scored as (
    select c.id, c.title, c.pinned_at, c.archived_at, c.last_activity_at, c.active_leaf_id,
      h.id as message_id, h.role as message_role, h.created_at as message_created_at,
      h.content,
      (coalesce(h.rank, 0)
        + case when public.search_document(c.title) @@ q.query
            then 2 * pg_catalog.ts_rank_cd(public.search_document(c.title), q.query) + 0.5
            else 0 end
        + case when length(q.pattern) > 3 and public.search_fold(c.title) like q.pattern
            then 0.5 else 0 end)::double precision as rank
    from public.chats c
    cross join q
    left join message_hits h on h.chat_id = c.id
    where c.user_id = q.me
      and (
        h.chat_id is not null
        or public.search_document(c.title) @@ q.query
        or (length(q.pattern) > 3 and public.search_fold(c.title) like q.pattern)
      )
  ),
  page as (
    select s.* from scored s
    where search_chats.after_rank is null
      or (s.rank, s.id) < (search_chats.after_rank, search_chats.after_chat)
    order by s.rank desc, s.id desc
    limit least(greatest(coalesce(search_chats.page_size, 20), 1), 50)
  )
  select p.id, p.title, p.pinned_at, p.archived_at, p.last_activity_at, p.message_id,
    p.message_role, p.message_created_at,
    p.message_id is not null and exists (
      with recursive path as (
        select m.id, m.parent_id from public.messages m where m.id = p.active_leaf_id
        union all
        select m.id, m.parent_id from public.messages m join path on m.id = path.parent_id
      )
      select 1 from path where path.id = p.message_id
    ),
    p.rank,
    public.search_highlight(p.title, q.query, true),
    case when p.message_id is not null then public.search_highlight(p.content, q.query, false) end
  from page p cross join q
  order by p.rank desc, p.id desc
$$;

-- Functions are executable by PUBLIC by default (and Supabase grants new ones to anon). The
-- search is for signed-in people; the pure helpers are needed by whoever writes a chat or a
-- message (index expressions are evaluated with the writer's privileges).
revoke execute on function public.search_fold(text), public.search_document(text),
  public.search_query(text), public.search_highlight(text, tsquery, boolean),
  public.search_chats(text, integer, double precision, uuid) from public, anon;
grant execute on function public.search_fold(text), public.search_document(text),
  public.search_query(text), public.search_highlight(text, tsquery, boolean),
  public.search_chats(text, integer, double precision, uuid) to authenticated, service_role;
