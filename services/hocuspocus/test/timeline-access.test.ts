/**
 * `GET /v1/rooms/:room/timeline` answers the service secret and an interviewer's room token for
 * that room (the widget's replay), and nobody else.
 */
import { describe, expect, it } from 'vitest';
import { joinRoom, roomSigner, startCollab } from './support.js';

const SECRET = 'collab-test-secret-0123456789';

describe('timeline access', () => {
  it('the secret and an interviewer’s token read it; candidates, observers, other rooms and forged tokens do not', async () => {
    const signer = await roomSigner();
    const other = await roomSigner();
    const { url } = await startCollab(signer);
    const http = url.replace('ws://', 'http://');
    const ada = joinRoom(url, 'room:t1', await signer.token({ room: 't1', sub: 'ada' }));
    await ada.ready;
    ada.code.insert(0, 'print(1)\n');
    await ada.acknowledged();
    const get = (bearer: string | undefined, query = '') => fetch(`${http}/v1/rooms/t1/timeline${query}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});

    const bySecret = await get(SECRET);
    expect(bySecret.status).toBe(200);
    const timeline = (await bySecret.json()) as { updates: { author: string }[] };
    expect(timeline.updates.map((u) => u.author)).toContain('ada');

    const interviewer = await signer.token({ room: 't1', sub: 'grace', role: 'interviewer' });
    const byInterviewer = await get(interviewer);
    expect(byInterviewer.status).toBe(200);
    expect(byInterviewer.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await byInterviewer.json()) as { updates: unknown[] }).updates).toHaveLength(timeline.updates.length);
    expect((await get(interviewer, '?document=notes')).status).toBe(200);

    const refused = async (bearer: string | undefined, status: number, query = '') => {
      const response = await get(bearer, query);
      expect(response.status).toBe(status);
      expect(JSON.stringify(await response.json())).not.toContain('print(1)');
    };
    await refused(await signer.token({ room: 't1', sub: 'ada', role: 'candidate' }), 403);
    await refused(await signer.token({ room: 't1', sub: 'olive', role: 'observer' }), 403);
    await refused(await signer.token({ room: 't2', sub: 'grace', role: 'interviewer' }), 403);
    await refused(await other.token({ room: 't1', sub: 'grace', role: 'interviewer' }), 401);
    await refused(await signer.token({ room: 't1', sub: 'grace', role: 'interviewer', iat: Math.floor(Date.now() / 1000) - 3600, ttlSeconds: 60 }), 401);
    await refused('not-a-token', 401);
    await refused(undefined, 401);
    // The events endpoint stays the service's alone.
    const post = await fetch(`${http}/v1/rooms/t1/events`, { method: 'POST', headers: { authorization: `Bearer ${interviewer}`, 'content-type': 'application/json' }, body: JSON.stringify({ meta: { state: 'ended' } }) });
    expect(post.status).toBe(401);
    // The preflight a browser sends before the GET with a bearer header.
    const preflight = await fetch(`${http}/v1/rooms/t1/timeline`, { method: 'OPTIONS', headers: { origin: 'http://host.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  }, 30_000);
});
