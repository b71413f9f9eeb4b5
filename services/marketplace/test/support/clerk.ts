/** A stand-in Clerk instance: an RS256 key pair whose PEM public key the service gets as CLERK_JWT_KEY. */
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';

export const CLERK_PARTY = 'http://localhost:3000';

export interface TestClerk {
  jwtKey: string;
  /** A session token for a Clerk user, as Clerk's frontend API would issue it. */
  session(userId: string, options?: { expiresIn?: number; azp?: string; issuedAt?: number; key?: Parameters<SignJWT["sign"]>[0] }): Promise<string>;
}

export async function createTestClerk(): Promise<TestClerk> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwtKey = await exportSPKI(publicKey);
  return {
    jwtKey,
    session(userId, options = {}) {
      const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
      return new SignJWT({ sid: `sess_${userId}`, azp: options.azp ?? CLERK_PARTY, v: 2 })
        .setProtectedHeader({ alg: 'RS256', kid: 'ins_test', typ: 'JWT' })
        .setSubject(userId)
        .setIssuer('https://clerk.duet.test')
        .setIssuedAt(iat)
        .setNotBefore(iat - 5)
        .setExpirationTime(iat + (options.expiresIn ?? 300))
        .sign(options.key ?? privateKey);
    },
  };
}
