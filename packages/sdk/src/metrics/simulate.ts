/**
 * A room session driven through real Yjs documents, recorded the way the collaboration service
 * records it (every update with author and time, snapshots every `snapshotEvery` updates): the
 * fixture the metrics tests, the report tests and `npm run bench:replay` build timelines with.
 */
import * as Y from 'yjs';
import { CODE_TEXT, EVENTS_ARRAY, META_MAP, SERVICE_AUTHOR } from './history.js';
import type { RoomEvent } from './events.js';
import type { Timeline, TimelineUpdate } from './timeline.js';

export interface SimulatorOptions {
  /** Epoch ms of the session's start. */
  start?: number;
  snapshotEvery?: number;
  /** Deterministic pseudo-random source for ids (default seed 1). */
  seed?: number;
}

interface Peer {
  doc: Y.Doc;
  role: string;
}

export class SessionSimulator {
  now: number;
  private readonly peers = new Map<string, Peer>();
  private readonly updates: TimelineUpdate[] = [];
  private readonly snapshots: Timeline['snapshots'] = [];
  /** The service's copy: what snapshots are taken of. */
  private readonly server = new Y.Doc();
  private runs = 0;
  private readonly snapshotEvery: number;

  constructor(options: SimulatorOptions = {}) {
    this.now = options.start ?? Date.UTC(2026, 10, 28, 14, 0, 0);
    this.snapshotEvery = options.snapshotEvery ?? 200;
    this.peer(SERVICE_AUTHOR, 'service');
  }

  private peer(user: string, role: string): Peer {
    let peer = this.peers.get(user);
    if (!peer) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server));
      peer = { doc, role };
      this.peers.set(user, peer);
    }
    return peer;
  }

  /** Runs `change` as `user` in one transaction; the update reaches everyone and the timeline. */
  private change(user: string, change: (doc: Y.Doc) => void): void {
    const peer = this.peers.get(user);
    if (!peer) throw new Error(`simulate: ${user} has not joined`);
    let captured: Uint8Array | undefined;
    const listen = (update: Uint8Array) => (captured = update);
    peer.doc.on('update', listen);
    peer.doc.transact(() => change(peer.doc));
    peer.doc.off('update', listen);
    if (!captured) return;
    for (const [other, p] of this.peers) if (other !== user) Y.applyUpdate(p.doc, captured);
    Y.applyUpdate(this.server, captured);
    this.updates.push({ id: this.updates.length + 1, at: this.now, author: user, role: peer.role, update: captured });
    if (this.updates.length % this.snapshotEvery === 0) {
      this.snapshots.push({ upto: this.updates.length, at: this.now, state: Y.encodeStateAsUpdate(this.server) });
    }
  }

  wait(ms: number): this {
    this.now += ms;
    return this;
  }

  private at(): string {
    return new Date(this.now).toISOString();
  }

  private event(event: RoomEvent, by = SERVICE_AUTHOR): void {
    this.change(by, (doc) => doc.getArray(EVENTS_ARRAY).push([event]));
  }

  /** The service sets up the room: meta and the starter code. */
  open(meta: Record<string, unknown>, starter = ''): this {
    this.change(SERVICE_AUTHOR, (doc) => {
      const map = doc.getMap(META_MAP);
      for (const [k, v] of Object.entries({ startedAt: this.at(), ...meta })) map.set(k, v);
      if (starter) doc.getText(CODE_TEXT).insert(0, starter);
    });
    return this;
  }

  join(user: string, name: string, role: string): this {
    this.peer(user, role);
    this.event({ type: 'join', at: this.at(), user, name, role });
    return this;
  }

  code(user = SERVICE_AUTHOR): string {
    return this.peer(user, 'service').doc.getText(CODE_TEXT).toString();
  }

  /** Types `text` one character per update, `msPerChar` apart, at `pos` (default the end). */
  type(user: string, text: string, options: { pos?: number; msPerChar?: number } = {}): this {
    let pos = options.pos ?? this.code(user).length;
    for (const ch of text) {
      this.wait(options.msPerChar ?? 180);
      const at = pos;
      this.change(user, (doc) => doc.getText(CODE_TEXT).insert(at, ch));
      pos += ch.length;
    }
    return this;
  }

  /** Deletes `length` characters at `pos`, one backspace per update. */
  erase(user: string, pos: number, length: number, msPerChar = 150): this {
    for (let i = length - 1; i >= 0; i--) {
      this.wait(msPerChar);
      this.change(user, (doc) => doc.getText(CODE_TEXT).delete(pos + i, 1));
    }
    return this;
  }

  /** One edit replacing [from, to) by `text`, in one update, and the paste event the editor reports. */
  paste(user: string, text: string, options: { pos?: number; copiedInRoom?: boolean } = {}): this {
    const pos = options.pos ?? this.code(user).length;
    this.wait(400);
    this.change(user, (doc) => doc.getText(CODE_TEXT).insert(pos, text));
    this.event({ type: 'paste', at: this.at(), user, size: text.length, range: { from: pos, to: pos }, text, ...(options.copiedInRoom !== undefined ? { copiedInRoom: options.copiedInRoom } : {}) }, user);
    return this;
  }

  /** A large insertion with no paste event (what an auto-typer or a devtools edit looks like). */
  bulkInsert(user: string, text: string, pos?: number): this {
    const at = pos ?? this.code(user).length;
    this.wait(300);
    this.change(user, (doc) => doc.getText(CODE_TEXT).insert(at, text));
    return this;
  }

  /** The marketplace accepts a run (the code is the current code); returns the run id through `lastRun`. */
  run(kind: 'sample' | 'custom' | 'submit', user: string): this {
    this.wait(500);
    this.lastRun = `run_${++this.runs}`;
    this.event({ type: 'run', at: this.at(), run: this.lastRun, kind, user });
    return this;
  }

  lastRun = '';

  result(verdict: string, passed: number, total: number, complexity?: { time?: string; space?: string }): this {
    this.wait(1500);
    this.event({ type: 'result', at: this.at(), run: this.lastRun, verdict, passed, total, ...(complexity ? { complexity } : {}) });
    return this;
  }

  /** The user's window loses focus for `ms`; the editor appends the event when focus returns. */
  focusLoss(user: string, ms: number, kind: 'blur' | 'hidden' = 'blur'): this {
    const start = this.at();
    this.wait(ms);
    this.event({ type: 'focus', at: this.at(), user, kind, start, end: this.at(), durationMs: ms }, user);
    return this;
  }

  end(by: string): this {
    this.wait(1000);
    this.event({ type: 'ended', at: this.at(), by });
    this.change(SERVICE_AUTHOR, (doc) => doc.getMap(META_MAP).set('state', 'ended'));
    return this;
  }

  get updateCount(): number {
    return this.updates.length;
  }

  timeline(): Timeline {
    return { updates: [...this.updates], snapshots: [...this.snapshots] };
  }
}

/** A second document's timeline (the interviewers' notes): `text` typed by `user` in a few updates. */
export function notesTimeline(user: string, text: string, start: number): Timeline {
  const doc = new Y.Doc();
  const updates: TimelineUpdate[] = [];
  doc.on('update', (update: Uint8Array) => updates.push({ id: updates.length + 1, at: start + updates.length * 60_000, author: user, role: 'interviewer', update }));
  for (const line of text.split(/(?<=\n)/)) doc.getText('notes').insert(doc.getText('notes').length, line);
  return { updates, snapshots: [] };
}
