import { randomUUID } from 'node:crypto';
import type { RunCreateInput } from '@duet/sdk/api';
import { checkFunctionInput, DuetError, type RunJob, type RunView } from '@duet/sdk/run';
import { actorOf } from '../auth/actor.js';
import type { Identity } from '../auth/identity.js';
import { requireEntitlement } from '../packs/entitlement.js';
import { requireOpen, requireRoom } from '../rooms/room-access.js';
import type { Services } from '../services.js';
import { runView } from './run-view.js';

const KiB = 1024;

/**
 * Checks, stores and dispatches a run; answers once it is stored (so an acknowledged run is never
 * lost: a dispatch that fails is retried by the recovery sweep). Refusals, in order: no room
 * (BAD_REQUEST), another room's token or org (FORBIDDEN), a token without `run` / `submit`
 * (FORBIDDEN), an ended room (CONFLICT), code over the cap (PAYLOAD_TOO_LARGE naming it), the
 * org's rate limit (TOO_MANY_REQUESTS with Retry-After), no entitlement (PAYMENT_REQUIRED), a
 * custom input that does not fit the problem (INPUT_INVALID).
 */
export async function createRun(services: Services, identity: Identity, input: RunCreateInput): Promise<RunView> {
  const { prisma, config } = services;
  if (identity.kind === 'room' && input.roomId !== undefined && input.roomId !== identity.claims.room) {
    throw new DuetError('FORBIDDEN', `this room token is for room "${identity.claims.room}", not "${input.roomId}"`);
  }
  const roomId = identity.kind === 'room' ? identity.claims.room : input.roomId;
  if (!roomId) throw new DuetError('BAD_REQUEST', 'roomId: required (a run belongs to a room; a room token implies it)');
  const permission = input.kind === 'submit' ? 'submit' : 'run';
  const room = await requireRoom(prisma, identity, roomId, { permission, scope: 'runs:write', action: input.kind === 'submit' ? 'submit code' : 'run code' });
  requireOpen(room, 'run code in it');
  if (room.endsAt && room.endsAt <= new Date()) throw new DuetError('CONFLICT', `room "${room.id}" is out of time: cannot run code in it`);
  const size = Buffer.byteLength(input.code, 'utf8') + Buffer.byteLength(input.stdin ?? '', 'utf8');
  if (size > config.runs.maxCodeBytes) {
    throw new DuetError('PAYLOAD_TOO_LARGE', `code: ${Math.ceil(size / KiB)} KiB is over the ${config.runs.maxCodeBytes / KiB} KiB cap on a run's code and input (DUET_MARKET_MAX_CODE_KB)`);
  }
  await services.runs.limiter.take(room.orgId);
  const [version, problem] = await Promise.all([
    prisma.packVersion.findUniqueOrThrow({ where: { id: room.packVersionId }, select: { pack: { select: { id: true, orgId: true, access: true, scope: true, name: true } } } }),
    prisma.problem.findUniqueOrThrow({ where: { id: room.problemId }, select: { judgeDataDigest: true } }),
  ]);
  await requireEntitlement(prisma, room.orgId, version.pack);
  const data = await services.runs.data.get(problem.judgeDataDigest);
  if (input.kind === 'custom' && data.interface.type === 'function') checkFunctionInput(input.stdin ?? '', 'stdin');
  if (input.kind === 'sample' && data.tests.sample.length === 0) throw new DuetError('BAD_REQUEST', `kind: problem "${room.problemSlug}" has no sample tests: use a custom or submit run`);
  const total = input.kind === 'custom' ? 1 : input.kind === 'sample' ? data.tests.sample.length : data.tests.secret.length;
  const user = actorOf(identity);
  const run = await prisma.run.create({
    data: {
      id: `run_${randomUUID().replaceAll('-', '')}`,
      roomId: room.id,
      orgId: room.orgId,
      kind: input.kind,
      code: input.code,
      ...(input.kind === 'custom' ? { stdin: input.stdin ?? '' } : {}),
      userId: user,
      total,
    },
  });
  const job: RunJob = { runId: run.id, kind: input.kind, code: input.code, ...(run.stdin !== null ? { stdin: run.stdin } : {}), dataDigest: problem.judgeDataDigest };
  try {
    await services.runs.dispatcher.dispatch(job);
  } catch (error) {
    services.log.error({ err: error }, `dispatching run ${run.id} failed; the recovery sweep retries it`);
  }
  void services.collab.post(room.id, { events: [{ type: 'run', at: run.createdAt.toISOString(), run: run.id, kind: run.kind, user }] });
  return runView(run, []);
}
