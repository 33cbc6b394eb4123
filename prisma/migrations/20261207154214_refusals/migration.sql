-- CreateEnum
CREATE TYPE "RefusalSource" AS ENUM ('eligibility', 'issuance');

-- CreateTable
CREATE TABLE "Refusal" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "source" "RefusalSource" NOT NULL,
    "reason" TEXT NOT NULL,
    "certificateType" "CertificateType" NOT NULL,
    "refusedAt" TIMESTAMP(3) NOT NULL,
    "storeChain" TEXT NOT NULL,
    "storeCode" TEXT NOT NULL,
    "terminalId" TEXT NOT NULL,
    "residentId" UUID,

    CONSTRAINT "Refusal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Refusal_municipalityId_refusedAt_idx" ON "Refusal"("municipalityId", "refusedAt");

-- CreateIndex
CREATE INDEX "Refusal_residentId_refusedAt_idx" ON "Refusal"("residentId", "refusedAt");

-- CreateIndex
CREATE INDEX "Refusal_refusedAt_idx" ON "Refusal"("refusedAt");

-- AddForeignKey
ALTER TABLE "Refusal" ADD CONSTRAINT "Refusal_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refusal" ADD CONSTRAINT "Refusal_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Tenant isolation as for every table with a municipality (20261127130000_row_level_security).
ALTER TABLE "Refusal" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Refusal" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Refusal" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));

-- A refusal holds codes, never free text: the reason is a code of lib/refusal-reasons.ts, the terminal fields
-- are the centre's identifiers (bounded as in lib/schemas/kiosk.ts).
ALTER TABLE "Refusal" ADD CONSTRAINT "Refusal_reason_is_code" CHECK ("reason" ~ '^[a-z0-9_]{1,64}$');
ALTER TABLE "Refusal" ADD CONSTRAINT "Refusal_terminal_bounded" CHECK (length("storeChain") <= 40 AND length("storeCode") <= 40 AND length("terminalId") <= 40);
