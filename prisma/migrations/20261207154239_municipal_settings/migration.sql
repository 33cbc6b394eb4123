-- AlterTable
ALTER TABLE "Municipality" ADD COLUMN     "addressMaxLines" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "nameMaxLines" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "yearEndClosure" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "IssuanceSettingsVersion" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "usableFromNextDay" BOOLEAN NOT NULL,
    "nameMaxLength" INTEGER NOT NULL,
    "nameMaxLines" INTEGER NOT NULL,
    "addressMaxLength" INTEGER NOT NULL,
    "addressMaxLines" INTEGER NOT NULL,
    "excludeAdultWards" BOOLEAN NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssuanceSettingsVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalClosureDay" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LocalClosureDay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IssuanceSettingsVersion_municipalityId_effectiveFrom_key" ON "IssuanceSettingsVersion"("municipalityId", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "LocalClosureDay_municipalityId_day_key" ON "LocalClosureDay"("municipalityId", "day");

-- AddForeignKey
ALTER TABLE "IssuanceSettingsVersion" ADD CONSTRAINT "IssuanceSettingsVersion_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LocalClosureDay" ADD CONSTRAINT "LocalClosureDay_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Tenant isolation as for every table with a municipality (20261127130000_row_level_security).
ALTER TABLE "IssuanceSettingsVersion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IssuanceSettingsVersion" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "IssuanceSettingsVersion" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));
ALTER TABLE "LocalClosureDay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "LocalClosureDay" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "LocalClosureDay" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));

-- Limits are positive; a closure day has its reason.
ALTER TABLE "Municipality" ADD CONSTRAINT "Municipality_field_lines" CHECK ("nameMaxLines" >= 1 AND "addressMaxLines" >= 1);
ALTER TABLE "IssuanceSettingsVersion" ADD CONSTRAINT "IssuanceSettingsVersion_limits" CHECK ("nameMaxLength" >= 1 AND "nameMaxLines" >= 1 AND "addressMaxLength" >= 1 AND "addressMaxLines" >= 1);
ALTER TABLE "LocalClosureDay" ADD CONSTRAINT "LocalClosureDay_reason" CHECK (length(btrim("reason")) > 0);

-- A version in force explains the answers given under it: it is never rewritten (a scheduled one is deleted
-- when cancelled, which the verb allows only before its effective instant).
REVOKE UPDATE ON "IssuanceSettingsVersion" FROM konbini_app;
