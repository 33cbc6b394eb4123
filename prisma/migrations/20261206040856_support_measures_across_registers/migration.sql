-- CreateEnum
CREATE TYPE "IssuanceBlockReason" AS ENUM ('support_measure_request', 'card_lost', 'own_request', 'other');

-- AlterTable
ALTER TABLE "KosekiMember" ADD COLUMN     "priorPosition" INTEGER,
ADD COLUMN     "priorRecordNo" TEXT,
ADD COLUMN     "supportMeasure" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "FuhyoEntry" ADD COLUMN     "supportMeasure" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "IssuanceBlock" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "reason" "IssuanceBlockReason" NOT NULL,
    "noteCipher" TEXT,
    "noteKeyId" TEXT,
    "setAt" TIMESTAMP(3) NOT NULL,
    "setById" UUID,
    "liftedAt" TIMESTAMP(3),
    "liftedById" UUID,

    CONSTRAINT "IssuanceBlock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IssuanceBlock_residentId_liftedAt_idx" ON "IssuanceBlock"("residentId", "liftedAt");

-- CreateIndex
CREATE INDEX "IssuanceBlock_municipalityId_liftedAt_idx" ON "IssuanceBlock"("municipalityId", "liftedAt");

-- AddForeignKey
ALTER TABLE "IssuanceBlock" ADD CONSTRAINT "IssuanceBlock_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssuanceBlock" ADD CONSTRAINT "IssuanceBlock_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Tenant isolation as for every table with a municipality (20261127130000_row_level_security).
ALTER TABLE "IssuanceBlock" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IssuanceBlock" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "IssuanceBlock" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));
-- A block is lifted, never deleted: the app may not delete one.
REVOKE DELETE ON "IssuanceBlock" FROM konbini_app;
