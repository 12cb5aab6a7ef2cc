-- A jam snapshot exactly as the server reads it: jam/JamRepository SNAPSHOT (with QUEUE_ORDER), which
-- matches the jam by slug, join code or id; the HTTP load asks by id, as this does.
\set jam :jam0 + random(0, :jams - 1)
select jj.id, jj.jam, jj.seq,
  (select coalesce(json_agg(qi.item order by
    case qi.status when 'playing' then 0 when 'queued' then 1 when 'pending' then 2 else 3 end,
    qi.pinned desc, case when qi.pinned then qi.position end, qi.votes desc,
    case when qi.status in ('played', 'skipped') then qi.played_at end desc nulls last, qi.created_at, qi.id), '[]'::json)
     from queue_item_json qi where qi.jam_id = jj.id and qi.status <> 'pending')::text as queue,
  (select count(*) from attendee a where a.jam_id = jj.id and not a.banned) as attendees,
  (select json_object_agg(f.name, f.enabled) from feature_flag f) as flags
from jam_json jj where jj.slug = :jam or jj.join_code = upper(:jam) or jj.id::text = :jam;
