-- AlterEnum
ALTER TYPE "ImportStatus" ADD VALUE 'interrupted';

-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "importRemovalLimitPercent" DECIMAL(5,2) NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "ImportJob" ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "errorDetails" JSONB;


-- A share: 0 (every removal needs confirmation) to 100 (never refused).
ALTER TABLE "Municipality" ADD CONSTRAINT "Municipality_importRemovalLimitPercent_range" CHECK ("importRemovalLimitPercent" >= 0 AND "importRemovalLimitPercent" <= 100);
