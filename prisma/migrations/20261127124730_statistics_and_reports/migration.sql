-- CreateEnum
CREATE TYPE "ReportTrigger" AS ENUM ('scheduled', 'on_demand');

-- CreateTable
CREATE TABLE "UsageHourly" (
    "municipalityId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "hour" SMALLINT NOT NULL,
    "certificateType" "CertificateType" NOT NULL,
    "storeChain" TEXT NOT NULL,
    "outOfTown" BOOLEAN NOT NULL,
    "feePerCopy" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "copies" INTEGER NOT NULL,
    "feeTotal" INTEGER NOT NULL,

    CONSTRAINT "UsageHourly_pkey" PRIMARY KEY ("municipalityId","day","hour","certificateType","storeChain","outOfTown","feePerCopy")
);

-- CreateTable
CREATE TABLE "CommissionRate" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "storeChain" TEXT,
    "amount" INTEGER NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CounterIssuanceCount" (
    "municipalityId" UUID NOT NULL,
    "month" CHAR(7) NOT NULL,
    "copies" INTEGER NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CounterIssuanceCount_pkey" PRIMARY KEY ("municipalityId","month")
);

-- CreateTable
CREATE TABLE "MonthlyReport" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "month" CHAR(7) NOT NULL,
    "trigger" "ReportTrigger" NOT NULL,
    "generatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "generatedById" UUID,
    "generatedByName" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "csvUtf8" BYTEA NOT NULL,
    "csvUtf8Sha256" TEXT NOT NULL,
    "csvSjis" BYTEA NOT NULL,
    "csvSjisSha256" TEXT NOT NULL,

    CONSTRAINT "MonthlyReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UsageHourly_day_idx" ON "UsageHourly"("day");

-- CreateIndex
CREATE INDEX "CommissionRate_municipalityId_effectiveFrom_idx" ON "CommissionRate"("municipalityId", "effectiveFrom");

-- CreateIndex
CREATE INDEX "MonthlyReport_municipalityId_month_generatedAt_idx" ON "MonthlyReport"("municipalityId", "month", "generatedAt");

-- CreateIndex
CREATE INDEX "UsageDaily_day_idx" ON "UsageDaily"("day");

-- AddForeignKey
ALTER TABLE "UsageHourly" ADD CONSTRAINT "UsageHourly_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommissionRate" ADD CONSTRAINT "CommissionRate_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CounterIssuanceCount" ADD CONSTRAINT "CounterIssuanceCount_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlyReport" ADD CONSTRAINT "MonthlyReport_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill the hourly rollup from the issuances already printed (same keys as server/stats/rebuild-usage-rollups.ts).
INSERT INTO "UsageHourly" ("municipalityId", "day", "hour", "certificateType", "storeChain", "outOfTown", "feePerCopy", "count", "copies", "feeTotal")
SELECT "municipalityId", ("completedAt" + interval '9 hours')::date, extract(hour from "completedAt" + interval '9 hours')::smallint,
       "certificateType", "storeChain", "outOfTown", "feePerCopy", count(*)::int, sum("copies")::int, sum("feeTotal")::int
FROM "Issuance"
WHERE "status" = 'printed' AND "completedAt" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;
