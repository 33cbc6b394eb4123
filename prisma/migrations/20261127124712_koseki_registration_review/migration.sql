-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('registration_approved', 'registration_rejected', 'registration_reregistration_needed');

-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('pending', 'sent', 'failed');

-- AlterTable
ALTER TABLE "KosekiRegistration" ADD COLUMN     "reregistrationAt" TIMESTAMP(3),
ADD COLUMN     "reregistrationReason" TEXT;

-- CreateTable
CREATE TABLE "RegistrationNotice" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "status" "NoticeStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegistrationNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicRateLimit" (
    "key" TEXT NOT NULL,
    "windowStartAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublicRateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RegistrationNotice_status_nextAttemptAt_idx" ON "RegistrationNotice"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "RegistrationNotice_registrationId_idx" ON "RegistrationNotice"("registrationId");

-- CreateIndex
CREATE INDEX "PublicRateLimit_updatedAt_idx" ON "PublicRateLimit"("updatedAt");

-- CreateIndex
CREATE INDEX "KosekiRegistration_preRegistrationId_idx" ON "KosekiRegistration"("preRegistrationId");

-- AddForeignKey
ALTER TABLE "RegistrationNotice" ADD CONSTRAINT "RegistrationNotice_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationNotice" ADD CONSTRAINT "RegistrationNotice_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "KosekiRegistration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

