#!/usr/bin/env node
/**
 * The demo host site `npm start` opens: what a school or hiring site does with Duet, in one file.
 * It holds an org API key (server side only), creates a room on the starter pack, and hands each
 * visitor a short-lived room token for the role they pick; the page embeds <duet-pad> with it.
 *
 *   GET /                       the page (two windows = two people in the same room)
 *   GET /session?role=&name=&user=  { room, token, api, collab, mode } for a participant (user: a
 *                               stable id the page keeps, so a reload is the same person)
 *   POST /rooms?mode=           a fresh room (practice | pair | interview | assessment)
 *   GET /duet-pad.js            the widget's script-tag build (and /script/*, what it loads later)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMarketplaceAdmin } from './marketplace-admin.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const WIDGET_DIST = join(HERE, '../packages/widget/dist');
const WIDGET_SCRIPT = join(WIDGET_DIST, 'duet-pad.global.js');
const port = Number(process.env.DUET_DEMO_PORT ?? 3000);
const host = process.env.DUET_DEMO_HOST ?? '127.0.0.1';
const marketUrl = process.env.DUET_MARKET_URL ?? 'http://127.0.0.1:4000';
const collabUrl = process.env.DUET_COLLAB_URL ?? 'ws://127.0.0.1:4200';
const stateDir = process.env.DUET_DEMO_STATE ?? join(HERE, '../.duet/demo');
const ROLES = new Set(['candidate', 'interviewer', 'observer']);
const MODES = new Set(['practice', 'pair', 'interview', 'assessment']);

mkdirSync(stateDir, { recursive: true });
const admin = await createMarketplaceAdmin({ marketUrl, stateDir });
const roomFile = join(stateDir, 'room.json');

/** The room the page opens: kept across restarts until it ends. */
async function currentRoom() {
  if (existsSync(roomFile)) {
    const saved = JSON.parse(readFileSync(roomFile, 'utf8'));
    const room = await admin.getRoom(saved.id).catch(() => null);
    if (room && room.state === 'open') return room;
  }
  return newRoom('pair');
}

async function newRoom(/** @type {string} */ mode) {
  const room = await admin.createRoom({ mode, ...(mode === 'assessment' ? { durationSeconds: 45 * 60 } : {}) });
  writeFileSync(roomFile, JSON.stringify({ id: room.id }));
  return room;
}

function send(/** @type {import('node:http').ServerResponse} */ res, /** @type {number} */ status, /** @type {unknown} */ body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(type === 'application/json' ? JSON.stringify(body) : body);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://${host}`);
  try {
    if (req.method === 'GET' && url.pathname === '/') return send(res, 200, readFileSync(join(HERE, 'index.html')), 'text/html; charset=utf-8');
    if (url.pathname === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
    if (req.method === 'GET' && url.pathname === '/duet-pad.js') return send(res, 200, readFileSync(WIDGET_SCRIPT), 'text/javascript');
    // The editor and its chunks, which the script loads after first paint from beside itself.
    if (req.method === 'GET' && /^\/script\/[A-Za-z0-9_./-]+\.js$/.test(url.pathname) && !url.pathname.includes('..')) {
      const file = join(WIDGET_DIST, url.pathname);
      return existsSync(file) ? send(res, 200, readFileSync(file), 'text/javascript') : send(res, 404, { error: 'not found' });
    }
    if (req.method === 'GET' && url.pathname === '/session') {
      const role = url.searchParams.get('role') ?? 'candidate';
      if (!ROLES.has(role)) return send(res, 400, { error: `role must be one of ${[...ROLES].join(', ')}` });
      const name = (url.searchParams.get('name') ?? '').trim().slice(0, 60) || `Guest ${Math.floor(Math.random() * 900 + 100)}`;
      const user = /^[A-Za-z0-9_-]{6,64}$/.test(url.searchParams.get('user') ?? '') ? url.searchParams.get('user') : undefined;
      const room = await currentRoom();
      const { token } = await admin.mintToken({ roomId: room.id, name, role, ...(user ? { userId: `demo-${user}` } : {}) });
      return send(res, 200, { room: room.id, token, name, role, mode: room.mode, api: marketUrl, collab: collabUrl, problem: room.problem });
    }
    if (req.method === 'POST' && url.pathname === '/rooms') {
      const mode = url.searchParams.get('mode') ?? 'pair';
      if (!MODES.has(mode)) return send(res, 400, { error: `mode must be one of ${[...MODES].join(', ')}` });
      const current = existsSync(roomFile) ? JSON.parse(readFileSync(roomFile, 'utf8')).id : null;
      if (current) await admin.endRoom(current).catch(() => {});
      const room = await newRoom(mode);
      return send(res, 200, { room: room.id, mode: room.mode });
    }
    send(res, 404, { error: 'not found' });
  } catch (error) {
    process.stderr.write(`demo: ${req.method} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}\n`);
    send(res, 502, { error: error instanceof Error ? error.message : String(error) });
  }
});

server.listen(port, host, () => process.stdout.write(`demo host site listening on http://${host}:${port}/\n`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
