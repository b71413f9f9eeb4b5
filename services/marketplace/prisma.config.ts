import { defineConfig } from 'prisma/config';

// `prisma generate` needs no database; the URL is only for CLI commands that talk to one.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/market_dev' },
});
