-- Every write batch moves its series' last_ts/last_value. With full pages each such UPDATE puts the new row
-- version on another page and adds entries to all four series indexes (the GIN one on dimensions is the
-- costliest): about 15 us a series in the ingest benchmark, close to the cost of COPYing the batch's points.
-- Half-empty pages keep the new version on the same page (a HOT update: no index entries), about 3 us.
-- Takes effect for pages written from now on (existing rows move as they are updated).
ALTER TABLE series SET (fillfactor = 50);
