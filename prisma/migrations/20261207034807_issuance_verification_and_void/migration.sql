-- CreateEnum
CREATE TYPE "IssuanceVoidReason" AS ENUM ('misissued', 'reissued', 'other');

-- AlterTable
ALTER TABLE "Issuance" ADD COLUMN     "verificationCodeHash" TEXT,
ADD COLUMN     "voidNote" TEXT,
ADD COLUMN     "voidReason" "IssuanceVoidReason",
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedById" UUID;

-- CreateTable
CREATE TABLE "IncidentIssuance" (
    "incidentId" UUID NOT NULL,
    "issuanceId" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addedById" UUID,

    CONSTRAINT "IncidentIssuance_pkey" PRIMARY KEY ("incidentId","issuanceId")
);

-- CreateIndex
CREATE INDEX "IncidentIssuance_issuanceId_idx" ON "IncidentIssuance"("issuanceId");

-- CreateIndex
CREATE INDEX "Issuance_municipalityId_voidedAt_idx" ON "Issuance"("municipalityId", "voidedAt");

-- AddForeignKey
ALTER TABLE "IncidentIssuance" ADD CONSTRAINT "IncidentIssuance_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentIssuance" ADD CONSTRAINT "IncidentIssuance_issuanceId_fkey" FOREIGN KEY ("issuanceId") REFERENCES "Issuance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentIssuance" ADD CONSTRAINT "IncidentIssuance_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Tenant isolation as for every table with a municipality (20261127130000_row_level_security).
ALTER TABLE "IncidentIssuance" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IncidentIssuance" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "IncidentIssuance" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));

-- A void carries its reason; "other" carries its text.
ALTER TABLE "Issuance" ADD CONSTRAINT "Issuance_void_reason" CHECK (
  ("voidedAt" IS NULL AND "voidReason" IS NULL AND "voidNote" IS NULL AND "voidedById" IS NULL)
  OR ("voidedAt" IS NOT NULL AND "voidReason" IS NOT NULL AND ("voidReason" <> 'other' OR length(btrim("voidNote")) > 0))
);

-- A void is final and a 照合番号 never changes once recorded: nothing (not the app, not the owner through a
-- careless UPDATE) clears or rewrites them. A mistaken void is answered by a new issuance, not by an undo.
CREATE FUNCTION "issuance_void_is_final"() RETURNS trigger AS $$
BEGIN
  IF OLD."voidedAt" IS NOT NULL AND (
       NEW."voidedAt" IS DISTINCT FROM OLD."voidedAt" OR NEW."voidReason" IS DISTINCT FROM OLD."voidReason"
       OR NEW."voidNote" IS DISTINCT FROM OLD."voidNote" OR NEW."voidedById" IS DISTINCT FROM OLD."voidedById") THEN
    RAISE EXCEPTION 'a voided issuance stays void' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD."verificationCodeHash" IS NOT NULL AND NEW."verificationCodeHash" IS DISTINCT FROM OLD."verificationCodeHash" THEN
    RAISE EXCEPTION 'the verification code of an issuance never changes' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Issuance_void_is_final" BEFORE UPDATE ON "Issuance" FOR EACH ROW EXECUTE FUNCTION "issuance_void_is_final"();

-- Links record what staff found; they are not edited away.
REVOKE UPDATE, DELETE ON "IncidentIssuance" FROM konbini_app;
