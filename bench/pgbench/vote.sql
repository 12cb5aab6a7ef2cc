-- One vote and its withdrawal, exactly as the server runs them (pgbench counts this script once; it is
-- two votes). Sources: auth/TokenStatusRepository (attendee check), queue/QueueRepository VOTE and
-- UNVOTE, live/EventRepository APPEND; the BEGIN/COMMIT are those of Pool.withTransaction.
-- Each client owns the attendees ai = client_id + clients * r, as the HTTP load's workers do.
\set ai :client_id + :clients * random(0, :per_client - 1)
\set jam :jam0 + :ai / :attendees
\set att :att0 + :ai
\set item :item0 + (:ai / :attendees) * :items + random(0, :items - 1)
select banned from attendee where id = :att and jam_id = :jam;
begin;
with ok as (
  select q.id from queue_item q join jam j on j.id = q.jam_id
  where q.id = :item and q.jam_id = :jam and q.status = 'queued' and j.voting_open
    and (select enabled from feature_flag where name = 'voting')),
ins as (insert into vote (item_id, attendee_id) select id, :att from ok on conflict do nothing returning item_id),
upd as (update queue_item set votes = votes + 1 where id in (select item_id from ins) returning votes)
select (select count(*) from ok), (select votes from upd), (select votes from queue_item where id = :item);
with s as (update jam set seq = seq + 1 where id = :jam returning seq)
insert into jam_event (jam_id, seq, type, data) select :jam, s.seq, :type, :data from s returning seq, at;
commit;
select banned from attendee where id = :att and jam_id = :jam;
begin;
with ok as (
  select q.id from queue_item q join jam j on j.id = q.jam_id
  where q.id = :item and q.jam_id = :jam and q.status = 'queued' and j.voting_open
    and (select enabled from feature_flag where name = 'voting')),
del as (delete from vote where item_id in (select id from ok) and attendee_id = :att returning item_id),
upd as (update queue_item set votes = votes - 1 where id in (select item_id from del) returning votes)
select (select count(*) from ok), (select votes from upd), (select votes from queue_item where id = :item);
with s as (update jam set seq = seq + 1 where id = :jam returning seq)
insert into jam_event (jam_id, seq, type, data) select :jam, s.seq, :type, :data from s returning seq, at;
commit;
