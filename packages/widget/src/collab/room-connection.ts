/**
 * One collaboration document over @hocuspocus/provider (docs/room-protocol.md): connection status,
 * refusals, our presence in awareness, and the participants others publish.
 */
import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { participantColor } from './participant-colors.js';
import type { TokenIdentity } from './token-claims.js';

const ROOM_CLOSE_REASONS = /^(bad-document|token-invalid|token-expired|wrong-room|notes-forbidden|token-mismatch)$/;

export type ConnectionStatus = 'connecting' | 'connected' | 'synced' | 'disconnected' | 'refused';

export interface Participant {
  clientId: number;
  id: string;
  name: string;
  role: string;
  color: string;
  self: boolean;
}

export interface RoomConnectionOptions {
  url: string;
  document: string;
  token: () => string;
  identity: TokenIdentity;
  onStatus(status: ConnectionStatus, detail?: string): void;
  onParticipants?(participants: Participant[]): void;
}

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly provider: HocuspocusProvider;
  /** Resolves after the first sync (rejects if the server refuses us). */
  readonly synced: Promise<void>;

  constructor(private readonly options: RoomConnectionOptions) {
    let resolveSynced!: () => void;
    let rejectSynced!: (error: Error) => void;
    this.synced = new Promise((resolve, reject) => ((resolveSynced = resolve), (rejectSynced = reject)));
    this.synced.catch(() => {});
    this.provider = new HocuspocusProvider({
      url: options.url,
      name: options.document,
      document: this.doc,
      token: () => options.token(),
      onStatus: ({ status }) => {
        if (status === WebSocketStatus.Connected) options.onStatus('connected');
        else if (status === WebSocketStatus.Connecting) options.onStatus('connecting');
        else options.onStatus('disconnected');
      },
      onSynced: () => {
        options.onStatus('synced');
        resolveSynced();
      },
      // The service ends a joined session with a Close message naming the reason (room protocol §5),
      // e.g. `token-expired` when no fresh token came in time; the socket itself stays open.
      onClose: ({ event }) => {
        if (ROOM_CLOSE_REASONS.test(event.reason)) options.onStatus('refused', event.reason);
      },
      onAuthenticationFailed: ({ reason }) => {
        options.onStatus('refused', reason);
        rejectSynced(new Error(`refused: ${reason}`));
      },
    });
    const { identity } = options;
    this.provider.awareness?.setLocalStateField('user', { id: identity.sub, name: identity.name, role: identity.role, color: participantColor(identity.sub) });
    this.provider.awareness?.on('change', () => options.onParticipants?.(this.participants()));
    options.onParticipants?.(this.participants());
  }

  participants(): Participant[] {
    const awareness = this.provider.awareness;
    if (!awareness) return [];
    const seen = new Map<string, Participant>();
    for (const [clientId, state] of awareness.getStates()) {
      const user = (state as { user?: Partial<Participant> }).user;
      if (!user?.id || !user.name) continue;
      const self = clientId === awareness.clientID;
      // One entry per person, however many tabs they have open.
      if (!seen.has(user.id) || self) seen.set(user.id, { clientId, id: user.id, name: user.name, role: user.role ?? '', color: safeColor(user.color) ?? participantColor(user.id), self });
    }
    return [...seen.values()];
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/** Colours come from other clients and end up in CSS: only plain hex colours pass. */
function safeColor(color: unknown): string | undefined {
  return typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : undefined;
}
