-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('OWNER', 'ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "PackAccess" AS ENUM ('FREE', 'PAID');

-- CreateEnum
CREATE TYPE "EntitlementSource" AS ENUM ('GRANT', 'PURCHASE', 'SUBSCRIPTION');

-- CreateEnum
CREATE TYPE "PublishState" AS ENUM ('RECEIVED', 'JUDGING', 'STORING', 'PUBLISHED', 'FAILED');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Org" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Org_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL DEFAULT 'MEMBER',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("orgId","userId")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "publicId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pack" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "access" "PackAccess" NOT NULL DEFAULT 'FREE',
    "priceAmount" INTEGER,
    "priceCurrency" TEXT,
    "latestVersion" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[],
    "difficulties" TEXT[],
    "problemCount" INTEGER NOT NULL DEFAULT 0,
    "searchText" TEXT NOT NULL DEFAULT '',
    -- Prisma cannot express a generated column: hand-written, kept in sync by the FTS tests.
    "searchVector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', "scope" || ' ' || "name"), 'A') ||
        setweight(to_tsvector('english', "title"), 'A') ||
        setweight(to_tsvector('english', "description"), 'B') ||
        setweight(to_tsvector('english', "searchText"), 'C')
    ) STORED,
    "statementText" TEXT NOT NULL DEFAULT '',
    -- Everything, for matching (all the words of a query may come from different fields).
    "documentVector" tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', "scope" || ' ' || "name") ||
        to_tsvector('english', "title" || ' ' || "description" || ' ' || "searchText" || ' ' || "statementText")
    ) STORED,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PackVersion" (
    "id" TEXT NOT NULL,
    "packId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "integrity" TEXT NOT NULL,
    "tarballDigest" TEXT NOT NULL,
    "tarballSize" INTEGER NOT NULL,
    "manifest" JSONB NOT NULL,
    "deprecated" TEXT,
    "publishedById" TEXT,
    "publishedByKeyId" TEXT,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PackVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DistTag" (
    "packId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DistTag_pkey" PRIMARY KEY ("packId","tag")
);

-- CreateTable
CREATE TABLE "Problem" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "difficulty" TEXT,
    "tags" TEXT[],
    "interfaceType" TEXT NOT NULL,
    "timeLimitMs" INTEGER NOT NULL,
    "publicView" JSONB NOT NULL,
    "statement" TEXT NOT NULL DEFAULT '',
    -- Prisma cannot express a generated column: hand-written.
    "searchVector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', "title"), 'A') ||
        setweight(to_tsvector('english', "statement"), 'B')
    ) STORED,
    "judgeDataDigest" TEXT NOT NULL,

    CONSTRAINT "Problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Blob" (
    "digest" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Blob_pkey" PRIMARY KEY ("digest")
);

-- CreateTable
CREATE TABLE "Entitlement" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "packId" TEXT NOT NULL,
    "source" "EntitlementSource" NOT NULL,
    "reference" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Entitlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublishJob" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "packName" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "tag" TEXT,
    "state" "PublishState" NOT NULL DEFAULT 'RECEIVED',
    "integrity" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "stagedDigests" TEXT[],
    "progress" JSONB,
    "report" JSONB,
    "error" JSONB,
    "requestedById" TEXT,
    "requestedByKeyId" TEXT,
    "instanceId" TEXT NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "versionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PublishJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_externalId_key" ON "User"("externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Org_slug_key" ON "Org"("slug");

-- CreateIndex
CREATE INDEX "Member_userId_idx" ON "Member"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_publicId_key" ON "ApiKey"("publicId");

-- CreateIndex
CREATE INDEX "ApiKey_orgId_idx" ON "ApiKey"("orgId");

-- CreateIndex
CREATE INDEX "Pack_orgId_idx" ON "Pack"("orgId");

-- CreateIndex
CREATE INDEX "Pack_searchVector_idx" ON "Pack" USING GIN ("searchVector");

-- CreateIndex
CREATE INDEX "Pack_documentVector_idx" ON "Pack" USING GIN ("documentVector");

-- CreateIndex
CREATE INDEX "Pack_tags_idx" ON "Pack" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "Pack_updatedAt_idx" ON "Pack"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Pack_scope_name_key" ON "Pack"("scope", "name");

-- CreateIndex
CREATE UNIQUE INDEX "PackVersion_packId_version_key" ON "PackVersion"("packId", "version");

-- CreateIndex
CREATE INDEX "DistTag_versionId_idx" ON "DistTag"("versionId");

-- CreateIndex
CREATE INDEX "Problem_judgeDataDigest_idx" ON "Problem"("judgeDataDigest");

-- CreateIndex
CREATE INDEX "Problem_searchVector_idx" ON "Problem" USING GIN ("searchVector");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_versionId_slug_key" ON "Problem"("versionId", "slug");

-- CreateIndex
CREATE INDEX "Entitlement_orgId_packId_idx" ON "Entitlement"("orgId", "packId");

-- CreateIndex
CREATE UNIQUE INDEX "PublishJob_versionId_key" ON "PublishJob"("versionId");

-- CreateIndex
CREATE INDEX "PublishJob_state_heartbeatAt_idx" ON "PublishJob"("state", "heartbeatAt");

-- CreateIndex
CREATE INDEX "PublishJob_orgId_createdAt_idx" ON "PublishJob"("orgId", "createdAt");

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pack" ADD CONSTRAINT "Pack_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackVersion" ADD CONSTRAINT "PackVersion_packId_fkey" FOREIGN KEY ("packId") REFERENCES "Pack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PackVersion" ADD CONSTRAINT "PackVersion_tarballDigest_fkey" FOREIGN KEY ("tarballDigest") REFERENCES "Blob"("digest") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistTag" ADD CONSTRAINT "DistTag_packId_fkey" FOREIGN KEY ("packId") REFERENCES "Pack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistTag" ADD CONSTRAINT "DistTag_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PackVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PackVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_judgeDataDigest_fkey" FOREIGN KEY ("judgeDataDigest") REFERENCES "Blob"("digest") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_packId_fkey" FOREIGN KEY ("packId") REFERENCES "Pack"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublishJob" ADD CONSTRAINT "PublishJob_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Pack search (Prisma cannot express functions: hand-written). A function, not inline SQL, for two
-- reasons: its plans are cached per session (planning a full-text query costs more than running
-- it), and it can forbid sequential scans: the planner does not price reading every row's large
-- "documentVector", which a GIN bitmap scan never does. Matches rank by the small "searchVector"
-- only. One row comes back even for an empty page, carrying the total.
CREATE FUNCTION "duet_search_packs"(search TEXT, want_tags TEXT[], want_difficulty TEXT, page_limit INTEGER, page_offset INTEGER)
RETURNS TABLE (
    "scope" TEXT, "name" TEXT, "title" TEXT, "description" TEXT, "latestVersion" TEXT, "tags" TEXT[], "difficulties" TEXT[],
    "problemCount" INTEGER, "priceAmount" INTEGER, "priceCurrency" TEXT, "updatedAt" TIMESTAMP(3), "total" BIGINT
)
LANGUAGE plpgsql STABLE
SET enable_seqscan = off
AS $$
#variable_conflict use_column
DECLARE
    query TSQUERY;
BEGIN
    IF search IS NULL OR btrim(search) = '' THEN
        RETURN QUERY
        WITH matched AS (
            SELECT p.* FROM "Pack" p
            WHERE (want_tags IS NULL OR p."tags" @> want_tags)
              AND (want_difficulty IS NULL OR want_difficulty = ANY (p."difficulties"))
        ), counted AS (SELECT count(*) AS total FROM matched)
        SELECT m."scope", m."name", m."title", m."description", m."latestVersion", m."tags", m."difficulties",
               m."problemCount", m."priceAmount", m."priceCurrency", m."updatedAt", c.total
        FROM counted c
        LEFT JOIN LATERAL (
            SELECT * FROM matched ORDER BY matched."updatedAt" DESC, matched."scope", matched."name" LIMIT page_limit OFFSET page_offset
        ) m ON true;
        RETURN;
    END IF;
    query := websearch_to_tsquery('english', search);
    RETURN QUERY
    WITH matched AS (
        SELECT p.*, ts_rank_cd(p."searchVector", query) AS rank FROM "Pack" p
        WHERE p."documentVector" @@ query
          AND (want_tags IS NULL OR p."tags" @> want_tags)
          AND (want_difficulty IS NULL OR want_difficulty = ANY (p."difficulties"))
    ), counted AS (SELECT count(*) AS total FROM matched)
    SELECT m."scope", m."name", m."title", m."description", m."latestVersion", m."tags", m."difficulties",
           m."problemCount", m."priceAmount", m."priceCurrency", m."updatedAt", c.total
    FROM counted c
    LEFT JOIN LATERAL (
        SELECT * FROM matched ORDER BY matched.rank DESC, matched."updatedAt" DESC, matched."scope", matched."name" LIMIT page_limit OFFSET page_offset
    ) m ON true;
END
$$;
