/**
 * The collaboration service's API as the marketplace reads it (docs/room-protocol.md §6):
 * `GET <COLLAB_URL>/v1/rooms/<id>/timeline[?document=notes]` with the shared bearer secret.
 */
import { z } from 'zod';
import type { TimelineJson } from '@duet/sdk/metrics';
import { DuetError } from '@duet/sdk/run';
import { ConfigError } from '../config/config-error.js';

export interface CollabClient {
  timeline(roomId: string, document?: 'room' | 'notes'): Promise<TimelineJson>;
}

export interface CollabConfig {
  url: string;
  secret: string;
}

const envSchema = z.object({
  COLLAB_URL: z.string().url().optional(),
  COLLAB_SECRET: z.string().min(16).optional(),
});

/** COLLAB_URL and COLLAB_SECRET, both or neither (null: reports cannot be built, stored ones still served). */
export function collabConfigFrom(env: Record<string, string | undefined>): CollabConfig | null {
  const parsed = envSchema.safeParse({ COLLAB_URL: env.COLLAB_URL || undefined, COLLAB_SECRET: env.COLLAB_SECRET || undefined });
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')}`);
  const { COLLAB_URL: url, COLLAB_SECRET: secret } = parsed.data;
  if (!url && !secret) return null;
  if (!url || !secret) throw new ConfigError('COLLAB_URL and COLLAB_SECRET go together: set both (the collaboration service and its DUET_COLLAB_SECRET) or neither');
  return { url: url.replace(/\/+$/, ''), secret };
}

export function createCollabClient(config: CollabConfig, fetchImpl: typeof fetch = fetch): CollabClient {
  return {
    async timeline(roomId, document = 'room') {
      const url = `${config.url}/v1/rooms/${encodeURIComponent(roomId)}/timeline${document === 'notes' ? '?document=notes' : ''}`;
      let response: Response;
      try {
        response = await fetchImpl(url, { headers: { authorization: `Bearer ${config.secret}` }, signal: AbortSignal.timeout(30_000) });
      } catch (error) {
        throw new DuetError('NETWORK', `the collaboration service did not answer at ${config.url}: ${(error as Error).message}`);
      }
      if (response.status === 401) throw new DuetError('INTERNAL', 'the collaboration service refused COLLAB_SECRET');
      if (!response.ok) throw new DuetError('NETWORK', `the collaboration service answered ${response.status} for room ${roomId}'s timeline`);
      return (await response.json()) as TimelineJson;
    },
  };
}
