-- One rollup queue row per write batch (it was one row per series and written range). A batch whose points
-- were all new also carries its 1-minute aggregates, which the rollup pass merges into the rollups instead of
-- reading the points back: that read-back was about a third of PostgreSQL's ingest cost (docs/benchmarks.md).
ALTER TABLE rollup_queue RENAME TO rollup_queue_v1;

-- Arrays of one element per series and minute (aggregates) or per series and range (to_s set), same length.
CREATE TABLE rollup_queue (
  id bigserial PRIMARY KEY,
  series_ids int[] NOT NULL,
  -- range rows: written range start (epoch s); aggregate rows: the minute
  from_s float8[] NOT NULL,
  -- range rows: written range end, inclusive; NULL on aggregate rows
  to_s float8[],
  n int[],
  total float8[],
  lo float8[],
  hi float8[],
  last float8[],
  last_s float8[]
);

INSERT INTO rollup_queue (series_ids, from_s, to_s)
SELECT array_agg(series_id ORDER BY id), array_agg(extract(epoch FROM from_ts)::float8 ORDER BY id),
       array_agg(extract(epoch FROM to_ts)::float8 ORDER BY id)
FROM rollup_queue_v1 HAVING count(*) > 0;
DROP TABLE rollup_queue_v1;

-- A rollup pass locks this table (LOCK TABLE takes no snapshot) before its first query: passes run one at a
-- time, and each sees the queue and the points on one snapshot taken after the previous pass committed.
CREATE TABLE rollup_pass_lock ();
