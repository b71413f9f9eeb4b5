/**
 * The shapes the widget reads from the marketplace (docs/rooms-api.md). Types only: the run
 * contract is `@duet/sdk/run` and `@duet/sdk/judge`, imported for their types so they cost nothing
 * in the bundle.
 */
export type { RunEvent, RunView } from '@duet/sdk/run';
export type { RunResult, TestResult, Verdict, RunKind } from '@duet/sdk/judge';

export type RoomMode = 'practice' | 'pair' | 'interview' | 'assessment';

export interface RoomStatement {
  title: string;
  markdown: string;
  samples: { name: string; input: string; output: string }[];
  limits: { timeSeconds: number; memoryMb: number };
  starterCode?: string;
  complexity?: { time?: string; space?: string };
}

/** `rooms.get`: the room and its public problem view (never hidden tests). */
export interface RoomView {
  id: string;
  org: string;
  pack: string;
  problem: string;
  mode: RoomMode;
  state: 'open' | 'ended';
  createdAt: string;
  startedAt?: string;
  endsAt?: string;
  endedAt?: string;
  durationSeconds?: number;
  statement: RoomStatement;
  collab: { url?: string; document: string };
}
