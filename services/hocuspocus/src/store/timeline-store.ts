/**
 * Every change of every room document, in order, with its author and time (`collab_updates`), and
 * periodic snapshots of the whole document (`collab_snapshots`). A document is loaded as its latest
 * snapshot plus the changes after it; a room's history replays exactly from the changes alone.
 *
 * Appends are grouped: the changes that arrive within one tick go into one INSERT, up to
 * MAX_IN_FLIGHT groups commit at once (PostgreSQL's latency, not its throughput, bounds one group at
 * a time), and each caller learns its row id when its group has committed. A participant's next
 * change is appended only after the previous one committed, and a change built on another's is made
 * after that one was applied — after it committed —, so ids order every change after its causes.
 */
import * as Y from 'yjs';
import type { SqlClient } from './sql-client.js';

export interface TimelineEntry {
  document: string;
  /** The participant's user id, or `duet` for the service's own changes. */
  author: string;
  /** candidate | interviewer | observer | service. */
  role: string;
  update: Uint8Array;
}

export interface StoredUpdate extends TimelineEntry {
  id: number;
  at: Date;
}

/** Serialises schema creation between instances starting together. */
const SCHEMA_LOCK = 0x64756574; // "duet"

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS collab_updates (
     id BIGSERIAL PRIMARY KEY,
     document TEXT NOT NULL,
     at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
     author TEXT NOT NULL,
     role TEXT NOT NULL,
     update BYTEA NOT NULL
   )`,
  'CREATE INDEX IF NOT EXISTS collab_updates_document_id ON collab_updates (document, id)',
  `CREATE TABLE IF NOT EXISTS collab_snapshots (
     document TEXT NOT NULL,
     upto BIGINT NOT NULL,
     at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
     state BYTEA NOT NULL,
     PRIMARY KEY (document, upto)
   )`,
];

const MAX_IN_FLIGHT = 4;
const MAX_GROUP = 500;

export class TimelineStore {
  private pending: Array<{ entry: TimelineEntry; resolve: (id: number) => void; reject: (error: unknown) => void }> = [];
  private scheduled = false;
  private inFlight = 0;

  private constructor(private readonly sql: SqlClient) {}

  static async open(sql: SqlClient): Promise<TimelineStore> {
    await sql.withLock(SCHEMA_LOCK, async () => {
      for (const statement of SCHEMA) await sql.query(statement);
    });
    return new TimelineStore(sql);
  }

  /** Resolves with the change's row id once it is committed. */
  append(entry: TimelineEntry): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  /** Starts a group at the end of this tick, unless MAX_IN_FLIGHT groups are committing already. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.insertGroup(this.pending.splice(0, MAX_GROUP));
      this.schedule();
    });
  }

  private async insertGroup(group: typeof this.pending): Promise<void> {
    if (group.length === 0) return;
    this.inFlight++;
    const params: unknown[] = [];
    const values = group.map(({ entry }, i) => {
      params.push(entry.document, entry.author, entry.role, Buffer.from(entry.update));
      return `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    try {
      const { rows } = await this.sql.query<{ id: string }>(
        `INSERT INTO collab_updates (document, author, role, update) VALUES ${values.join(', ')} RETURNING id`,
        params,
      );
      group.forEach((item, i) => item.resolve(Number(rows[i]?.id)));
    } catch (error) {
      for (const item of group) item.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  /** The document's state: its latest snapshot and every change after it, merged; null if it has none. */
  async load(document: string): Promise<{ state: Uint8Array; upto: number } | null> {
    const snapshot = (
      await this.sql.query<{ upto: string; state: Uint8Array }>(
        'SELECT upto, state FROM collab_snapshots WHERE document = $1 ORDER BY upto DESC LIMIT 1',
        [document],
      )
    ).rows[0];
    const upto = snapshot ? Number(snapshot.upto) : 0;
    const { rows } = await this.sql.query<{ id: string; update: Uint8Array }>(
      'SELECT id, update FROM collab_updates WHERE document = $1 AND id > $2 ORDER BY id',
      [document, upto],
    );
    if (!snapshot && rows.length === 0) return null;
    const updates = [...(snapshot ? [toBytes(snapshot.state)] : []), ...rows.map((row) => toBytes(row.update))];
    return { state: Y.mergeUpdates(updates), upto: rows.length ? Number(rows[rows.length - 1]!.id) : upto };
  }

  /**
   * Stores a snapshot of `doc`, covering the changes it is known to contain: from the last
   * snapshot's `upto`, each later change of the document is checked against the state, in order,
   * up to the first it does not contain yet (another instance's change still on its way).
   */
  async snapshot(document: string, doc: Y.Doc): Promise<number> {
    const latest = (await this.sql.query<{ upto: string }>('SELECT max(upto) AS upto FROM collab_snapshots WHERE document = $1', [document])).rows[0];
    let upto = Number(latest?.upto ?? 0);
    const { rows } = await this.sql.query<{ id: string; update: Uint8Array }>(
      'SELECT id, update FROM collab_updates WHERE document = $1 AND id > $2 ORDER BY id',
      [document, upto],
    );
    const contained = Y.snapshot(doc);
    for (const row of rows) {
      if (!Y.snapshotContainsUpdate(contained, toBytes(row.update))) break;
      upto = Number(row.id);
    }
    if (rows.length === 0 || upto === Number(latest?.upto ?? 0)) return upto; // nothing new to cover
    await this.sql.query(
      'INSERT INTO collab_snapshots (document, upto, state) VALUES ($1, $2, $3) ON CONFLICT (document, upto) DO NOTHING',
      [document, upto, Buffer.from(Y.encodeStateAsUpdate(doc))],
    );
    return upto;
  }

  /** The document's changes in order (the room's history, for replay). */
  async history(document: string): Promise<StoredUpdate[]> {
    const { rows } = await this.sql.query<{ id: string; at: Date | string; author: string; role: string; update: Uint8Array }>(
      'SELECT id, at, author, role, update FROM collab_updates WHERE document = $1 ORDER BY id',
      [document],
    );
    return rows.map((row) => ({ id: Number(row.id), at: new Date(row.at), author: row.author, role: row.role, document, update: toBytes(row.update) }));
  }

  /** Snapshots of the document: what seeking in a long history starts from. */
  async snapshots(document: string): Promise<Array<{ upto: number; at: Date; state: Uint8Array }>> {
    const { rows } = await this.sql.query<{ upto: string; at: Date | string; state: Uint8Array }>(
      'SELECT upto, at, state FROM collab_snapshots WHERE document = $1 ORDER BY upto',
      [document],
    );
    return rows.map((row) => ({ upto: Number(row.upto), at: new Date(row.at), state: toBytes(row.state) }));
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}

function toBytes(value: Uint8Array): Uint8Array {
  return value instanceof Uint8Array ? value : new Uint8Array(value);
}
