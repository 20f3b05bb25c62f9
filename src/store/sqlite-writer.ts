/**
 * The background writer of the SQLite store (see Store.writeBehind): its own connection on the same
 * WAL file, on its own thread, so batches that no response waits for never block the event loop.
 * synchronous=NORMAL: in WAL mode a commit survives a crash of the process, not of the machine —
 * acceptable for what goes here (read audit events, nonce batches, last-used times; see docs).
 *
 * It is plain JavaScript run with `eval: true` so the same worker starts from the compiled build and
 * under a TypeScript loader (tests), where a worker file would need a loader of its own.
 */
export const SQLITE_WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const BetterSqlite3 = require(workerData.driver);
const db = new BetterSqlite3(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');

const statements = new Map();
function prepared(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    if (statements.size > 200) statements.clear();
    statements.set(sql, statement);
  }
  return statement;
}
const quote = (name) => '"' + name.replaceAll('"', '""') + '"';
const runBatch = db.transaction((batch) => {
  if (batch.queries) for (const q of batch.queries) prepared(q.sql).run(...q.parameters);
  if (batch.append) {
    const { table, columns, rows } = batch.append;
    const insert = prepared('insert into ' + quote(table) + ' (' + columns.map(quote).join(', ') + ') values (' + columns.map(() => '?').join(', ') + ')');
    for (const row of rows) insert.run(row);
  }
});

parentPort.on('message', (batch) => {
  if (batch === 'close') {
    try {
      db.close();
    } finally {
      parentPort.postMessage('closed');
    }
    return;
  }
  try {
    runBatch.immediate(batch);
    parentPort.postMessage({ id: batch.id });
  } catch (err) {
    parentPort.postMessage({ id: batch.id, error: err instanceof Error ? err.message : String(err) });
  }
});
`;
