-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "MunicipalityStatus" AS ENUM ('preparing', 'active', 'suspended');

-- CreateEnum
CREATE TYPE "MunicipalityKind" AS ENUM ('ward', 'city', 'town', 'village');

-- CreateEnum
CREATE TYPE "CertificateType" AS ENUM ('residence', 'residence_entry', 'seal', 'tax_income', 'tax_assessment', 'tax_income_assessment', 'koseki_full', 'koseki_individual', 'koseki_fuhyo');

-- CreateEnum
CREATE TYPE "DayClass" AS ENUM ('weekday', 'saturday', 'sunday', 'holiday');

-- CreateEnum
CREATE TYPE "ServiceStopScope" AS ENUM ('all', 'koseki', 'registration_intake');

-- CreateEnum
CREATE TYPE "FeeKind" AS ENUM ('standard', 'campaign');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('male', 'female');

-- CreateEnum
CREATE TYPE "ResidentStatus" AS ENUM ('active', 'moved_out', 'deceased');

-- CreateEnum
CREATE TYPE "SealRegistrationStatus" AS ENUM ('active', 'abolished');

-- CreateEnum
CREATE TYPE "KosekiKind" AS ENUM ('current', 'joseki', 'kaisei_genkoseki');

-- CreateEnum
CREATE TYPE "CardCertificateKind" AS ENUM ('card', 'smartphone');

-- CreateEnum
CREATE TYPE "CardCertificateStatus" AS ENUM ('active', 'suspended', 'revoked');

-- CreateEnum
CREATE TYPE "KosekiRegistrationStatus" AS ENUM ('pending', 'approved', 'rejected', 'reregistration_needed', 'withdrawn');

-- CreateEnum
CREATE TYPE "KosekiRegistrationSource" AS ENUM ('kiosk', 'web');

-- CreateEnum
CREATE TYPE "ApiClientStatus" AS ENUM ('active', 'revoked');

-- CreateEnum
CREATE TYPE "IssuancePurpose" AS ENUM ('residence', 'honseki');

-- CreateEnum
CREATE TYPE "IssuanceStatus" AS ENUM ('rendered', 'printed', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "IdempotencyState" AS ENUM ('in_progress', 'completed');

-- CreateEnum
CREATE TYPE "IncidentKind" AS ENUM ('centre_error', 'pdf_self_check_failed', 'emergency_stop', 'import_failed', 'other');

-- CreateEnum
CREATE TYPE "IncidentSeverity" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'acknowledged', 'closed');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('operator', 'municipal_admin', 'clerk', 'auditor');

-- CreateEnum
CREATE TYPE "StaffStatus" AS ENUM ('active', 'disabled');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('staff', 'api_client', 'system', 'resident');

-- CreateEnum
CREATE TYPE "ImportFeed" AS ENUM ('residents', 'changes', 'seals', 'tax', 'koseki', 'fuhyo', 'card_certificates');

-- CreateEnum
CREATE TYPE "ImportMode" AS ENUM ('full', 'delta');

-- CreateEnum
CREATE TYPE "ImportSource" AS ENUM ('portal', 'cli', 'api');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "Municipality" (
    "id" UUID NOT NULL,
    "code" CHAR(6) NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT NOT NULL,
    "prefecture" TEXT NOT NULL,
    "kind" "MunicipalityKind" NOT NULL,
    "mayorTitle" TEXT NOT NULL,
    "mayorName" TEXT NOT NULL,
    "sealImage" BYTEA,
    "sealImageMime" TEXT,
    "status" "MunicipalityStatus" NOT NULL DEFAULT 'preparing',
    "taxYearSwitchDate" TEXT NOT NULL DEFAULT '06-01',
    "taxYearsOffered" INTEGER NOT NULL DEFAULT 1,
    "usableFromNextDay" BOOLEAN NOT NULL DEFAULT true,
    "nameMaxLength" INTEGER NOT NULL DEFAULT 40,
    "addressMaxLength" INTEGER NOT NULL DEFAULT 80,
    "excludeAdultWards" BOOLEAN NOT NULL DEFAULT false,
    "commissionPerIssuance" INTEGER NOT NULL DEFAULT 117,
    "pdfRetentionHours" INTEGER NOT NULL DEFAULT 24,
    "registrationReviewDays" INTEGER NOT NULL DEFAULT 5,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Municipality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateOffering" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "certificateType" "CertificateType" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "copyLimit" INTEGER NOT NULL DEFAULT 10,
    "allowMyNumber" BOOLEAN NOT NULL DEFAULT false,
    "allowJoseki" BOOLEAN NOT NULL DEFAULT false,
    "allowKaiseiGenkoseki" BOOLEAN NOT NULL DEFAULT false,
    "options" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CertificateOffering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Fee" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "certificateType" "CertificateType" NOT NULL,
    "kind" "FeeKind" NOT NULL DEFAULT 'standard',
    "amount" INTEGER NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "effectiveUntil" TIMESTAMP(3),
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Fee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceWindow" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "certificateType" "CertificateType",
    "dayClass" "DayClass" NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceStop" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "scope" "ServiceStopScope" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "notice" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceStop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmergencyStop" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "certificateType" "CertificateType",
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedById" UUID,
    "endedAt" TIMESTAMP(3),
    "endedById" UUID,

    CONSTRAINT "EmergencyStop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "householdNo" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "householdId" UUID NOT NULL,
    "residentNo" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "givenName" TEXT NOT NULL,
    "familyNameKana" TEXT NOT NULL,
    "givenNameKana" TEXT NOT NULL,
    "alias" TEXT,
    "dateOfBirth" DATE NOT NULL,
    "sex" "Sex" NOT NULL,
    "isHouseholdHead" BOOLEAN NOT NULL DEFAULT false,
    "relationship" TEXT NOT NULL,
    "nationality" TEXT,
    "residenceCardNo" TEXT,
    "residenceStatus" TEXT,
    "residencePeriodEnd" DATE,
    "honseki" TEXT,
    "kosekiHeadName" TEXT,
    "becameResidentOn" DATE NOT NULL,
    "addressSetOn" DATE NOT NULL,
    "addressSetReason" TEXT,
    "notifiedOn" DATE,
    "previousAddress" TEXT,
    "myNumberCipher" TEXT,
    "myNumberKeyId" TEXT,
    "status" "ResidentStatus" NOT NULL DEFAULT 'active',
    "movedOutOn" DATE,
    "moveOutPlannedOn" DATE,
    "deceasedOn" DATE,
    "gaijiPending" BOOLEAN NOT NULL DEFAULT false,
    "adultWard" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportMeasure" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE,
    "detailsCipher" TEXT NOT NULL,
    "detailsKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupportMeasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SealRegistration" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "registrationNo" TEXT NOT NULL,
    "status" "SealRegistrationStatus" NOT NULL DEFAULT 'active',
    "registeredOn" DATE NOT NULL,
    "abolishedOn" DATE,
    "sealImage" BYTEA NOT NULL,
    "sealImageMime" TEXT NOT NULL DEFAULT 'image/png',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SealRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxRecord" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "fiscalYear" INTEGER NOT NULL,
    "residentOnJan1" BOOLEAN NOT NULL DEFAULT true,
    "nonTaxable" BOOLEAN NOT NULL DEFAULT false,
    "details" JSONB NOT NULL,
    "totalIncome" INTEGER NOT NULL,
    "totalDeductions" INTEGER NOT NULL,
    "taxableIncome" INTEGER NOT NULL,
    "municipalTax" INTEGER NOT NULL,
    "prefecturalTax" INTEGER NOT NULL,
    "dependents" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaxRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KosekiRecord" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "recordNo" TEXT NOT NULL,
    "kind" "KosekiKind" NOT NULL DEFAULT 'current',
    "honseki" TEXT NOT NULL,
    "headFamilyName" TEXT NOT NULL,
    "headGivenName" TEXT NOT NULL,
    "pendingFiling" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KosekiRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KosekiMember" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kosekiRecordId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "familyName" TEXT NOT NULL,
    "givenName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "sex" "Sex" NOT NULL,
    "fatherName" TEXT,
    "motherName" TEXT,
    "relationship" TEXT NOT NULL,
    "spouseRole" TEXT,
    "removed" BOOLEAN NOT NULL DEFAULT false,
    "residentId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KosekiMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KosekiEvent" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kosekiRecordId" UUID NOT NULL,
    "memberId" UUID,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "eventDate" DATE,
    "fields" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KosekiEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FuhyoEntry" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kosekiRecordId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "addressSetOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FuhyoEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CardCertificate" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "residentId" UUID NOT NULL,
    "serial" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "kind" "CardCertificateKind" NOT NULL DEFAULT 'card',
    "status" "CardCertificateStatus" NOT NULL DEFAULT 'active',
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "cardIssuedOn" DATE NOT NULL,
    "pinChangedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CardCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KosekiRegistration" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "receiptNo" TEXT NOT NULL,
    "status" "KosekiRegistrationStatus" NOT NULL DEFAULT 'pending',
    "source" "KosekiRegistrationSource" NOT NULL,
    "cardIssuer" TEXT,
    "cardSerial" TEXT,
    "applicantFamilyName" TEXT NOT NULL,
    "applicantGivenName" TEXT NOT NULL,
    "applicantFamilyNameKana" TEXT NOT NULL,
    "applicantGivenNameKana" TEXT NOT NULL,
    "applicantDateOfBirth" DATE NOT NULL,
    "currentAddress" TEXT NOT NULL,
    "honseki" TEXT NOT NULL,
    "kosekiHeadName" TEXT NOT NULL,
    "emailCipher" TEXT,
    "consentAt" TIMESTAMP(3) NOT NULL,
    "preRegistrationId" UUID,
    "kosekiMemberId" UUID,
    "dueOn" DATE NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" UUID,
    "rejectReasonCode" TEXT,
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KosekiRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiClient" (
    "id" UUID NOT NULL,
    "municipalityId" UUID,
    "name" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "secretCipher" TEXT NOT NULL,
    "previousSecretCipher" TEXT,
    "previousValidUntil" TIMESTAMP(3),
    "status" "ApiClientStatus" NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotatedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiNonce" (
    "apiClientId" UUID NOT NULL,
    "nonce" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiNonce_pkey" PRIMARY KEY ("apiClientId","nonce")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "apiClientId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "state" "IdempotencyState" NOT NULL DEFAULT 'in_progress',
    "issuanceId" UUID,
    "responseStatus" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("apiClientId","key")
);

-- CreateTable
CREATE TABLE "IssuanceCounter" (
    "municipalityId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "next" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IssuanceCounter_pkey" PRIMARY KEY ("municipalityId","year")
);

-- CreateTable
CREATE TABLE "Issuance" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "issuanceNo" TEXT NOT NULL,
    "certificateType" "CertificateType" NOT NULL,
    "purpose" "IssuancePurpose" NOT NULL,
    "cardCertificateId" UUID NOT NULL,
    "requesterResidentId" UUID,
    "subjectDigest" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "copies" INTEGER NOT NULL,
    "feePerCopy" INTEGER NOT NULL,
    "feeTotal" INTEGER NOT NULL,
    "status" "IssuanceStatus" NOT NULL DEFAULT 'rendered',
    "apiClientId" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "centreTransactionId" TEXT NOT NULL,
    "storeChain" TEXT NOT NULL,
    "storeCode" TEXT NOT NULL,
    "terminalId" TEXT NOT NULL,
    "outOfTown" BOOLEAN NOT NULL DEFAULT false,
    "pdf" BYTEA,
    "pdfSha256" TEXT NOT NULL,
    "pageCount" INTEGER NOT NULL,
    "renderedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "pdfDeletedAt" TIMESTAMP(3),
    "failureReason" TEXT,
    "timings" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "Issuance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "municipalityId" UUID,
    "kind" "IncidentKind" NOT NULL,
    "severity" "IncidentSeverity" NOT NULL DEFAULT 'medium',
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "summary" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "issuanceId" UUID,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" UUID,
    "closedAt" TIMESTAMP(3),
    "closedById" UUID,
    "closeReason" TEXT,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL,
    "municipalityId" UUID,
    "loginId" TEXT NOT NULL,
    "email" TEXT,
    "displayName" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "status" "StaffStatus" NOT NULL DEFAULT 'active',
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "mfaSecretCipher" TEXT,
    "mfaEnrolledAt" TIMESTAMP(3),
    "failedSignInCount" INTEGER NOT NULL DEFAULT 0,
    "throttledUntil" TIMESTAMP(3),
    "lastSignInAt" TIMESTAMP(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MfaRecoveryCode" (
    "id" UUID NOT NULL,
    "staffUserId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MfaRecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "chain" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "municipalityId" UUID,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "feed" "ImportFeed" NOT NULL,
    "mode" "ImportMode" NOT NULL,
    "source" "ImportSource" NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'pending',
    "fileName" TEXT,
    "fileSha256" TEXT,
    "encoding" TEXT,
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "rowsInserted" INTEGER NOT NULL DEFAULT 0,
    "rowsUpdated" INTEGER NOT NULL DEFAULT 0,
    "rowsRemoved" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "createdById" UUID,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageDaily" (
    "municipalityId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "certificateType" "CertificateType" NOT NULL,
    "storeChain" TEXT NOT NULL,
    "outOfTown" BOOLEAN NOT NULL,
    "count" INTEGER NOT NULL,
    "copies" INTEGER NOT NULL,
    "feeTotal" INTEGER NOT NULL,

    CONSTRAINT "UsageDaily_pkey" PRIMARY KEY ("municipalityId","day","certificateType","storeChain","outOfTown")
);

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_code_key" ON "Municipality"("code");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateOffering_municipalityId_certificateType_key" ON "CertificateOffering"("municipalityId", "certificateType");

-- CreateIndex
CREATE INDEX "Fee_municipalityId_certificateType_effectiveFrom_idx" ON "Fee"("municipalityId", "certificateType", "effectiveFrom");

-- CreateIndex
CREATE INDEX "ServiceWindow_municipalityId_dayClass_idx" ON "ServiceWindow"("municipalityId", "dayClass");

-- CreateIndex
CREATE INDEX "ServiceStop_municipalityId_startsAt_idx" ON "ServiceStop"("municipalityId", "startsAt");

-- CreateIndex
CREATE INDEX "EmergencyStop_municipalityId_endedAt_idx" ON "EmergencyStop"("municipalityId", "endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Household_municipalityId_householdNo_key" ON "Household"("municipalityId", "householdNo");

-- CreateIndex
CREATE INDEX "Resident_householdId_idx" ON "Resident"("householdId");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_municipalityId_residentNo_key" ON "Resident"("municipalityId", "residentNo");

-- CreateIndex
CREATE INDEX "SupportMeasure_residentId_idx" ON "SupportMeasure"("residentId");

-- CreateIndex
CREATE INDEX "SealRegistration_residentId_status_idx" ON "SealRegistration"("residentId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SealRegistration_municipalityId_registrationNo_key" ON "SealRegistration"("municipalityId", "registrationNo");

-- CreateIndex
CREATE INDEX "TaxRecord_municipalityId_fiscalYear_idx" ON "TaxRecord"("municipalityId", "fiscalYear");

-- CreateIndex
CREATE UNIQUE INDEX "TaxRecord_residentId_fiscalYear_key" ON "TaxRecord"("residentId", "fiscalYear");

-- CreateIndex
CREATE INDEX "KosekiRecord_municipalityId_honseki_idx" ON "KosekiRecord"("municipalityId", "honseki");

-- CreateIndex
CREATE UNIQUE INDEX "KosekiRecord_municipalityId_recordNo_key" ON "KosekiRecord"("municipalityId", "recordNo");

-- CreateIndex
CREATE INDEX "KosekiMember_municipalityId_familyName_givenName_dateOfBirt_idx" ON "KosekiMember"("municipalityId", "familyName", "givenName", "dateOfBirth");

-- CreateIndex
CREATE UNIQUE INDEX "KosekiMember_kosekiRecordId_position_key" ON "KosekiMember"("kosekiRecordId", "position");

-- CreateIndex
CREATE INDEX "KosekiEvent_kosekiRecordId_memberId_position_idx" ON "KosekiEvent"("kosekiRecordId", "memberId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "FuhyoEntry_memberId_position_key" ON "FuhyoEntry"("memberId", "position");

-- CreateIndex
CREATE INDEX "CardCertificate_residentId_idx" ON "CardCertificate"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "CardCertificate_issuer_serial_key" ON "CardCertificate"("issuer", "serial");

-- CreateIndex
CREATE UNIQUE INDEX "KosekiRegistration_receiptNo_key" ON "KosekiRegistration"("receiptNo");

-- CreateIndex
CREATE INDEX "KosekiRegistration_municipalityId_status_dueOn_idx" ON "KosekiRegistration"("municipalityId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "KosekiRegistration_cardIssuer_cardSerial_idx" ON "KosekiRegistration"("cardIssuer", "cardSerial");

-- CreateIndex
CREATE UNIQUE INDEX "ApiClient_keyId_key" ON "ApiClient"("keyId");

-- CreateIndex
CREATE INDEX "ApiNonce_createdAt_idx" ON "ApiNonce"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Issuance_issuanceNo_key" ON "Issuance"("issuanceNo");

-- CreateIndex
CREATE INDEX "Issuance_municipalityId_renderedAt_idx" ON "Issuance"("municipalityId", "renderedAt");

-- CreateIndex
CREATE INDEX "Issuance_municipalityId_status_renderedAt_idx" ON "Issuance"("municipalityId", "status", "renderedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Issuance_apiClientId_idempotencyKey_key" ON "Issuance"("apiClientId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Incident_municipalityId_status_openedAt_idx" ON "Incident"("municipalityId", "status", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_loginId_key" ON "StaffUser"("loginId");

-- CreateIndex
CREATE INDEX "MfaRecoveryCode_staffUserId_idx" ON "MfaRecoveryCode"("staffUserId");

-- CreateIndex
CREATE INDEX "AuditEvent_municipalityId_occurredAt_idx" ON "AuditEvent"("municipalityId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chain_seq_key" ON "AuditEvent"("chain", "seq");

-- CreateIndex
CREATE INDEX "ImportJob_municipalityId_createdAt_idx" ON "ImportJob"("municipalityId", "createdAt");

-- AddForeignKey
ALTER TABLE "CertificateOffering" ADD CONSTRAINT "CertificateOffering_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fee" ADD CONSTRAINT "Fee_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceWindow" ADD CONSTRAINT "ServiceWindow_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceStop" ADD CONSTRAINT "ServiceStop_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmergencyStop" ADD CONSTRAINT "EmergencyStop_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resident" ADD CONSTRAINT "Resident_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resident" ADD CONSTRAINT "Resident_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportMeasure" ADD CONSTRAINT "SupportMeasure_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportMeasure" ADD CONSTRAINT "SupportMeasure_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SealRegistration" ADD CONSTRAINT "SealRegistration_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SealRegistration" ADD CONSTRAINT "SealRegistration_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxRecord" ADD CONSTRAINT "TaxRecord_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxRecord" ADD CONSTRAINT "TaxRecord_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KosekiRecord" ADD CONSTRAINT "KosekiRecord_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KosekiMember" ADD CONSTRAINT "KosekiMember_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KosekiMember" ADD CONSTRAINT "KosekiMember_kosekiRecordId_fkey" FOREIGN KEY ("kosekiRecordId") REFERENCES "KosekiRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KosekiMember" ADD CONSTRAINT "KosekiMember_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KosekiEvent" ADD CONSTRAINT "KosekiEvent_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KosekiEvent" ADD CONSTRAINT "KosekiEvent_kosekiRecordId_fkey" FOREIGN KEY ("kosekiRecordId") REFERENCES "KosekiRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KosekiEvent" ADD CONSTRAINT "KosekiEvent_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "KosekiMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FuhyoEntry" ADD CONSTRAINT "FuhyoEntry_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FuhyoEntry" ADD CONSTRAINT "FuhyoEntry_kosekiRecordId_fkey" FOREIGN KEY ("kosekiRecordId") REFERENCES "KosekiRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FuhyoEntry" ADD CONSTRAINT "FuhyoEntry_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "KosekiMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CardCertificate" ADD CONSTRAINT "CardCertificate_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CardCertificate" ADD CONSTRAINT "CardCertificate_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KosekiRegistration" ADD CONSTRAINT "KosekiRegistration_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KosekiRegistration" ADD CONSTRAINT "KosekiRegistration_kosekiMemberId_fkey" FOREIGN KEY ("kosekiMemberId") REFERENCES "KosekiMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiClient" ADD CONSTRAINT "ApiClient_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiNonce" ADD CONSTRAINT "ApiNonce_apiClientId_fkey" FOREIGN KEY ("apiClientId") REFERENCES "ApiClient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyRecord" ADD CONSTRAINT "IdempotencyRecord_apiClientId_fkey" FOREIGN KEY ("apiClientId") REFERENCES "ApiClient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssuanceCounter" ADD CONSTRAINT "IssuanceCounter_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issuance" ADD CONSTRAINT "Issuance_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issuance" ADD CONSTRAINT "Issuance_cardCertificateId_fkey" FOREIGN KEY ("cardCertificateId") REFERENCES "CardCertificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issuance" ADD CONSTRAINT "Issuance_requesterResidentId_fkey" FOREIGN KEY ("requesterResidentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Issuance" ADD CONSTRAINT "Issuance_apiClientId_fkey" FOREIGN KEY ("apiClientId") REFERENCES "ApiClient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_issuanceId_fkey" FOREIGN KEY ("issuanceId") REFERENCES "Issuance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MfaRecoveryCode" ADD CONSTRAINT "MfaRecoveryCode_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportJob" ADD CONSTRAINT "ImportJob_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageDaily" ADD CONSTRAINT "UsageDaily_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Audit events are insert-only: the hash chain would reveal a change, the trigger prevents it.
CREATE FUNCTION "audit_event_is_insert_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is insert-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_insert_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_is_insert_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_is_insert_only"();
