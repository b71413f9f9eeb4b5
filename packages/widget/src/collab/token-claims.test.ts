import { expect, test } from 'vitest';
import { readTokenIdentity } from './token-claims.js';

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

test('reads who the participant is from the token (display only: servers verify)', () => {
  expect(readTokenIdentity(jwt({ sub: 'u1', name: 'Zoë 🙂', role: 'observer', perms: ['view'], room: 'r1', exp: 100 }))).toEqual({
    sub: 'u1', name: 'Zoë 🙂', role: 'observer', perms: ['view'], room: 'r1', expiresAt: 100_000,
  });
});

test('malformed tokens read as null', () => {
  expect(readTokenIdentity('nonsense')).toBeNull();
  expect(readTokenIdentity('a.!!!.c')).toBeNull();
  expect(readTokenIdentity(jwt({ name: 'no subject' }))).toBeNull();
});
