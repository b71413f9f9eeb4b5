import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { duetCodeForTrpcCode, TRPC_CODE_FOR_DUET_CODE, type ApiErrorData, type ApiIssue } from '@duet/sdk/api';
import { PackValidationError } from '@duet/sdk/pack';
import { DUET_ERROR_STATUS, DuetError, isDuetError } from '@duet/sdk/run';
import type { Context } from './context.js';

/** A DuetError as the TRPCError tRPC answers with: the HTTP status follows the DuetError code. */
export function toTrpcError(error: DuetError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_FOR_DUET_CODE[error.code], message: error.message, cause: error });
}

/** Pack issues travel with PACK_INVALID errors (the DuetError's cause is the PackValidationError). */
function issuesOf(error: TRPCError): ApiIssue[] | undefined {
  const cause = error.cause;
  if (isDuetError(cause) && cause.cause instanceof PackValidationError) return cause.cause.issues.map(({ file, field, message }) => ({ file, ...(field ? { field } : {}), message }));
  const zodIssues = (cause as { issues?: Array<{ path: PropertyKey[]; message: string }> } | undefined)?.issues;
  if (cause?.name === 'ZodError' && Array.isArray(zodIssues)) return zodIssues.map((i) => ({ field: i.path.map(String).join('.') || '(input)', message: i.message }));
  return undefined;
}

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    isDev: false,
    // Run streams: pings keep idle SSE connections open through proxies; the client reconnects with the last tracked id.
    sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } },
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const duetCode = isDuetError(cause) ? cause.code : duetCodeForTrpcCode(error.code);
      const issues = issuesOf(error);
      const data: ApiErrorData & { code: string; path?: string } = {
        code: shape.data.code,
        httpStatus: isDuetError(cause) ? DUET_ERROR_STATUS[cause.code] : shape.data.httpStatus,
        ...(shape.data.path ? { path: shape.data.path } : {}),
        duetCode,
        ...(issues ? { issues } : {}),
        ...(isDuetError(cause) && cause.retryAfterSeconds !== undefined ? { retryAfterSeconds: cause.retryAfterSeconds } : {}),
      };
      // Internal faults are logged (onError) with their details; callers get no internals.
      const internal = error.code === 'INTERNAL_SERVER_ERROR' && !isDuetError(cause);
      const message = internal ? 'internal error' : issues && cause?.name === 'ZodError' ? issues.map((i) => `${i.field}: ${i.message}`).join('; ') : shape.message;
      return { ...shape, message, data };
    },
  });

/** DuetErrors thrown anywhere below become TRPCErrors with the matching code (and HTTP status). */
const duetErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDuetError(result.error.cause)) throw toTrpcError(result.error.cause);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(duetErrors);

/** Any caller with valid credentials (or the local developer in development mode). */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const identity = await ctx.auth();
  if (!identity) {
    throw new DuetError('UNAUTHORIZED', 'sign in: send "Authorization: Bearer <token>" with a Clerk session token or an org API key');
  }
  return next({ ctx: { ...ctx, identity } });
});
