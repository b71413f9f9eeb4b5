/**
 * Every change of every room document, in order, with its author and time (`collab_updates`), and
 * periodic snapshots of the whole document (`collab_snapshots`). A document is loaded as its latest
 * snapshot plus the changes after it; a room's history replays exactly from the changes alone.
 *
 * Appends are grouped (group commit): the changes that arrive within one tick, from any document,
 * go into one INSERT (one prepared statement over four arrays, whatever the group's size); up to
 * MAX_IN_FLIGHT groups commit at once (PostgreSQL's latency, not its throughput, bounds one group at
 * a time), and each caller learns its row id when its group has committed — or an error when it
 * failed, in which case none of the group's changes is stored and none may be acknowledged. A participant's next
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

const MAX_IN_FLIGHT = 8;
const MAX_GROUP = 1000;
/** One statement whatever the group's size: four arrays, parsed and planned once per connection. */
const APPEND_SQL = `INSERT INTO collab_updates (document, author, role, update)
  SELECT document, author, role, update
    FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) WITH ORDINALITY AS u (document, author, role, update, n)
   ORDER BY n
  RETURNING id`;
const APPEND_STATEMENT = 'duet-collab-append';
const STATS_SAMPLES = 200_000;

/** Where an append's time goes: waiting for its group to start, and the group's commit. */
export interface AppendStats {
  appends: number;
  groups: number;
  failedGroups: number;
  /** Rows per group. */
  groupRows: { mean: number; max: number };
  /** From append() to its group's INSERT being sent (ms). */
  waitMs: { p50: number; p99: number; max: number };
  /** The group's INSERT, sent to committed (ms). */
  commitMs: { p50: number; p99: number; max: number };
}

type Pending = { entry: TimelineEntry; queued: number; resolve: (id: number) => void; reject: (error: unknown) => void };

export class TimelineStore {
  private pending: Pending[] = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly samples = { wait: [] as number[], commit: [] as number[], rows: [] as number[], appends: 0, groups: 0, failedGroups: 0 };

  private constructor(private readonly sql: SqlClient) {}

  static async open(sql: SqlClient): Promise<TimelineStore> {
    await sql.withLock(SCHEMA_LOCK, async () => {
      for (const statement of SCHEMA) await sql.query(statement);
    });
    // Opens the connections the groups will commit on and prepares the append on each (an empty
    // group inserts nothing), so that the first burst of changes waits for neither.
    await Promise.all(Array.from({ length: sql.kind === 'postgres' ? MAX_IN_FLIGHT : 1 }, () => sql.query(APPEND_SQL, [[], [], [], []], APPEND_STATEMENT)));
    return new TimelineStore(sql);
  }

  /**
   * Resolves with the change's row id once the group it went into has committed; rejects if that
   * group failed (none of its changes is stored: the caller must not acknowledge them).
   */
  append(entry: TimelineEntry): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ entry, queued: performance.now(), resolve, reject });
      this.schedule();
    });
  }

  /**
   * Starts a group at the end of this tick (every change that arrived in it, from any document),
   * unless MAX_IN_FLIGHT groups are committing already: then the changes wait and go together in
   * the group that starts when one of those commits.
   */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.inFlight < MAX_IN_FLIGHT) void this.insertGroup(this.pending.splice(0, MAX_GROUP));
      this.schedule();
    });
  }

  private async insertGroup(group: Pending[]): Promise<void> {
    if (group.length === 0) return;
    this.inFlight++;
    const documents: string[] = [];
    const authors: string[] = [];
    const roles: string[] = [];
    const updates: Buffer[] = [];
    const sent = performance.now();
    for (const { entry, queued } of group) {
      documents.push(entry.document);
      authors.push(entry.author);
      roles.push(entry.role);
      updates.push(Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength));
      this.sample(this.samples.wait, sent - queued);
    }
    try {
      const { rows } = await this.sql.query<{ id: string }>(APPEND_SQL, [documents, authors, roles, updates], APPEND_STATEMENT);
      if (rows.length !== group.length) throw new Error(`the timeline stored ${rows.length} of ${group.length} changes`);
      // Ids are drawn in insertion order, which is the arrays' order (ORDER BY n).
      const ids = rows.map((row) => Number(row.id)).sort((x, y) => x - y);
      this.samples.groups++;
      this.samples.appends += group.length;
      this.sample(this.samples.commit, performance.now() - sent);
      this.sample(this.samples.rows, group.length);
      group.forEach((item, i) => item.resolve(ids[i]!));
    } catch (error) {
      this.samples.failedGroups++;
      for (const item of group) item.reject(error);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  private sample(into: number[], value: number): void {
    if (into.length < STATS_SAMPLES) into.push(value);
  }

  /** Append figures since the last call (for benchmarks and diagnostics), then starts afresh. */
  takeStats(): AppendStats {
    const { wait, commit, rows, appends, groups, failedGroups } = this.samples;
    const summary = (values: number[]) => {
      const sorted = [...values].sort((x, y) => x - y);
      const at = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
      return { p50: at(0.5), p99: at(0.99), max: at(1) };
    };
    const stats: AppendStats = {
      appends,
      groups,
      failedGroups,
      groupRows: { mean: groups ? Math.round((appends / groups) * 10) / 10 : 0, max: rows.reduce((m, v) => Math.max(m, v), 0) },
      waitMs: summary(wait),
      commitMs: summary(commit),
    };
    Object.assign(this.samples, { wait: [], commit: [], rows: [], appends: 0, groups: 0, failedGroups: 0 });
    return stats;
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
