/** A unique constraint refused the write (Prisma P2002; its meta differs between adapters, so only the code is read). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
