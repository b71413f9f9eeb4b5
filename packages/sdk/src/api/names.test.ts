import { expect, test } from 'vitest';
import { DuetError } from '../run/errors.js';
import { duetErrorFromApi, parsePackSpec, TRPC_CODE_FOR_DUET_CODE } from './index.js';

test('parsePackSpec splits npm-style specs, defaulting to latest', () => {
  expect(parsePackSpec('@acme/basics@^1.2')).toEqual({ scope: 'acme', pack: 'basics', name: '@acme/basics', range: '^1.2' });
  expect(parsePackSpec('@acme/basics')).toMatchObject({ range: 'latest' });
  expect(parsePackSpec('@acme/basics@next')).toMatchObject({ range: 'next' });
  expect(parsePackSpec('@acme/basics@>=1.0.0 <2')).toMatchObject({ range: '>=1.0.0 <2' });
  for (const bad of ['acme/basics', '@Acme/basics', '@acme', '@acme/', 'basics@1']) expect(parsePackSpec(bad), bad).toBeNull();
});

test('every DuetError code maps to a tRPC code, and back through error data', () => {
  expect(TRPC_CODE_FOR_DUET_CODE.PACK_INVALID).toBe('BAD_REQUEST');
  expect(TRPC_CODE_FOR_DUET_CODE.PAYMENT_REQUIRED).toBe('PAYMENT_REQUIRED');
  const error = duetErrorFromApi('slow down', { duetCode: 'TOO_MANY_REQUESTS', retryAfterSeconds: 3 });
  expect(error).toBeInstanceOf(DuetError);
  expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 3, status: 429 });
  expect(duetErrorFromApi('no', undefined, 'NOT_FOUND').code).toBe('NOT_FOUND');
  expect(duetErrorFromApi('?', undefined, 'WEIRD').code).toBe('INTERNAL');
});
