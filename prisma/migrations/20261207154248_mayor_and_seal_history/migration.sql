-- CreateTable
CREATE TABLE "MayorTerm" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "mayorTitle" TEXT NOT NULL,
    "mayorName" TEXT NOT NULL,
    "recordedById" UUID,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MayorTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficialSeal" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "image" BYTEA NOT NULL,
    "mime" TEXT NOT NULL DEFAULT 'image/png',
    "sha256" CHAR(64) NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "recordedById" UUID,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficialSeal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MayorTerm_municipalityId_effectiveFrom_key" ON "MayorTerm"("municipalityId", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "OfficialSeal_municipalityId_effectiveFrom_key" ON "OfficialSeal"("municipalityId", "effectiveFrom");

-- AddForeignKey
ALTER TABLE "MayorTerm" ADD CONSTRAINT "MayorTerm_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialSeal" ADD CONSTRAINT "OfficialSeal_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Tenant isolation as for every table with a municipality (20261127130000_row_level_security).
ALTER TABLE "MayorTerm" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MayorTerm" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "MayorTerm" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));
ALTER TABLE "OfficialSeal" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OfficialSeal" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "OfficialSeal" USING (app_tenant_visible("municipalityId")) WITH CHECK (app_tenant_visible("municipalityId"));

-- A history entry is a record of what was printed from a day on: never rewritten or removed by the app (a
-- mistake is answered by a new entry for the same or a later day, see docs/decisions/0015).
REVOKE UPDATE, DELETE ON "MayorTerm" FROM konbini_app;
REVOKE UPDATE, DELETE ON "OfficialSeal" FROM konbini_app;

-- An image is a PNG with its digest; sizes as the upload checks them (lib/schemas/municipality.ts).
ALTER TABLE "OfficialSeal" ADD CONSTRAINT "OfficialSeal_image" CHECK (octet_length(image) > 0 AND octet_length(image) = bytes AND sha256 ~ '^[0-9a-f]{64}$');

-- Backfill (expand step): what every municipality prints today becomes its first entry, in force from a fixed
-- early day (1900-01-01: before any certificate this service renders). The Municipality columns stay as the
-- fallback for a municipality without history and are contracted later (docs/decisions/0015).
INSERT INTO "MayorTerm" (id, "municipalityId", "effectiveFrom", "mayorTitle", "mayorName")
SELECT gen_random_uuid(), m.id, DATE '1900-01-01', m."mayorTitle", m."mayorName" FROM "Municipality" m;
INSERT INTO "OfficialSeal" (id, "municipalityId", "effectiveFrom", image, mime, sha256, bytes)
SELECT gen_random_uuid(), m.id, DATE '1900-01-01', m."sealImage", COALESCE(m."sealImageMime", 'image/png'), encode(sha256(m."sealImage"), 'hex'), octet_length(m."sealImage")
FROM "Municipality" m WHERE octet_length(m."sealImage") > 0;
