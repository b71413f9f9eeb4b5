-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "problem" TEXT NOT NULL,
    "candidate" TEXT,
    "outcome" TEXT NOT NULL,
    "metrics" JSONB NOT NULL,
    "model" JSONB NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Report_roomId_key" ON "Report"("roomId");

-- CreateIndex
CREATE INDEX "Report_orgId_createdAt_idx" ON "Report"("orgId", "createdAt");
