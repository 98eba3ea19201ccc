// @ts-check
// Hosts the embedded PGlite database in a worker thread: its queries run WASM synchronously and would
// otherwise block the exporter's event loop. Plain CommonJS so any runtime (tsx, jest, node) can start it.
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require('@electric-sql/pglite');

/** @type {import('@electric-sql/pglite').PGlite} */
let pg;
/** @type {Map<number, {queue: any[], wake: ((m: any) => void) | null}>} */
const txs = new Map();
const ROLLBACK = Symbol('rollback');

/** @param {number} id @param {unknown} result */
function ok(id, result) {
  parentPort?.postMessage({ id, result });
}
/** @param {number} id @param {any} err */
function fail(id, err) {
  parentPort?.postMessage({
    id,
    error: {
      message: String(err?.message ?? err),
      code: err?.code,
      detail: err?.detail,
      position: err?.position,
    },
  });
}
/** @param {{rows: unknown[], affectedRows?: number}} r */
function shape(r) {
  return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
}

/** Waits for the next command of an open transaction. @param {number} tx */
function next(tx) {
  const ch = /** @type {{queue: any[], wake: ((m: any) => void) | null}} */ (txs.get(tx));
  if (ch.queue.length) return Promise.resolve(ch.queue.shift());
  return new Promise((resolve) => (ch.wake = resolve));
}

/** @param {any} m */
function deliver(m) {
  const ch = txs.get(m.tx);
  if (!ch) return fail(m.id, new Error(`no open transaction ${m.tx}`));
  if (ch.wake) {
    const w = ch.wake;
    ch.wake = null;
    w(m);
  } else ch.queue.push(m);
}

/** @param {any} m */
function begin(m) {
  txs.set(m.tx, { queue: [], wake: null });
  /** @type {any} */
  let end = null;
  pg.transaction(async (t) => {
    ok(m.id, null);
    for (;;) {
      const c = await next(m.tx);
      if (c.op === 'commit' || c.op === 'rollback') {
        end = c;
        if (c.op === 'rollback') throw ROLLBACK;
        return;
      }
      try {
        if (c.op === 'txexec') {
          await t.exec(c.sql);
          ok(c.id, null);
        } else ok(c.id, shape(await t.query(c.sql, c.params)));
      } catch (err) {
        fail(c.id, err);
      }
    }
  })
    .then(() => ok(end.id, null))
    .catch((err) => (err === ROLLBACK ? ok(end.id, null) : end ? fail(end.id, err) : fail(m.id, err)))
    .finally(() => txs.delete(m.tx));
}

parentPort?.on('message', async (m) => {
  try {
    switch (m.op) {
      case 'open':
        pg = await PGlite.create(workerData.dataDir);
        return ok(m.id, null);
      case 'query':
        return ok(m.id, shape(await pg.query(m.sql, m.params)));
      case 'exec':
        await pg.exec(m.sql);
        return ok(m.id, null);
      case 'begin':
        return begin(m);
      case 'txquery':
      case 'txexec':
      case 'commit':
      case 'rollback':
        return deliver(m);
      case 'close':
        await pg.close();
        return ok(m.id, null);
      default:
        return fail(m.id, new Error(`unknown op ${m.op}`));
    }
  } catch (err) {
    fail(m.id, err);
  }
});
