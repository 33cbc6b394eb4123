-- CreateTable
CREATE TABLE "FieldReencryptionCheckpoint" (
    "scope" TEXT NOT NULL,
    "municipalityId" UUID,
    "tableName" TEXT NOT NULL,
    "columnName" TEXT NOT NULL,
    "toKeyId" TEXT NOT NULL,
    "lastKey" UUID NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FieldReencryptionCheckpoint_pkey" PRIMARY KEY ("scope","tableName","columnName")
);

-- Row-level security (docs/decisions/0008-row-level-security.md): a municipality's checkpoints in its
-- scope, the "system" ones (municipalityId null) only in the all-municipalities scope.
ALTER TABLE "FieldReencryptionCheckpoint" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FieldReencryptionCheckpoint" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "FieldReencryptionCheckpoint" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));
