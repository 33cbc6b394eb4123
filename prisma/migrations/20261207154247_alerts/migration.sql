-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('centre_failures', 'pdf_self_check_failed', 'import_failed', 'registration_overdue', 'registration_received');

-- CreateEnum
CREATE TYPE "AlertChannel" AS ENUM ('email', 'webhook');

-- CreateEnum
CREATE TYPE "AlertDeliveryStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "AlertSettings" (
    "municipalityId" UUID NOT NULL,
    "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "webhookUrl" TEXT,
    "webhookSecretCipher" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedById" UUID,

    CONSTRAINT "AlertSettings_pkey" PRIMARY KEY ("municipalityId")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "alertId" UUID NOT NULL,
    "channel" "AlertChannel" NOT NULL,
    "target" TEXT NOT NULL,
    "status" "AlertDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Alert_municipalityId_createdAt_idx" ON "Alert"("municipalityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_municipalityId_dedupeKey_key" ON "Alert"("municipalityId", "dedupeKey");

-- CreateIndex
CREATE INDEX "AlertDelivery_status_nextAttemptAt_idx" ON "AlertDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_municipalityId_createdAt_idx" ON "AlertDelivery"("municipalityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_alertId_channel_target_key" ON "AlertDelivery"("alertId", "channel", "target");

-- AddForeignKey
ALTER TABLE "AlertSettings" ADD CONSTRAINT "AlertSettings_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Tenant isolation as for every table with a municipality (20261127130000_row_level_security).
ALTER TABLE "AlertSettings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AlertSettings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AlertSettings" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));
ALTER TABLE "Alert" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Alert" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Alert" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));
ALTER TABLE "AlertDelivery" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AlertDelivery" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "AlertDelivery" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));

-- An alert records what happened: it is not edited or deleted by the app (deliveries change status).
REVOKE UPDATE, DELETE ON "Alert" FROM konbini_app;
