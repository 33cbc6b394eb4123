-- DropForeignKey
ALTER TABLE "IdempotencyRecord" DROP CONSTRAINT "IdempotencyRecord_apiClientId_fkey";

-- DropForeignKey
ALTER TABLE "IssuanceCounter" DROP CONSTRAINT "IssuanceCounter_municipalityId_fkey";

-- AlterTable
ALTER TABLE "Issuance" ADD COLUMN     "pdfExpiresAt" TIMESTAMP(3) NOT NULL;

-- DropTable
DROP TABLE "IdempotencyRecord";

-- DropTable
DROP TABLE "IssuanceCounter";

-- DropEnum
DROP TYPE "IdempotencyState";

-- CreateIndex
CREATE INDEX "Issuance_pdfExpiresAt_idx" ON "Issuance"("pdfExpiresAt");


-- 発行番号 digits: a sequence hands out unique values across processes without holding a lock for the
-- length of the issuing transaction (a rolled-back issuance leaves a gap, which is harmless).
CREATE SEQUENCE "issuance_no_seq" AS bigint START WITH 1 INCREMENT BY 1 NO CYCLE;
