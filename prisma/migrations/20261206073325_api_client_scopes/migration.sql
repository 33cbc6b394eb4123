-- CreateEnum
CREATE TYPE "ApiClientScope" AS ENUM ('kiosk_issuance', 'koseki_intake', 'imports');

-- AlterTable
ALTER TABLE "ApiClient" ADD COLUMN     "scopes" "ApiClientScope"[] DEFAULT ARRAY[]::"ApiClientScope"[];


-- Existing clients keep exactly what they could do before scopes existed: every client could call the kiosk
-- issuance API and the 利用登録 intake, and only a client confined to one municipality could import
-- (server/imports/import-from-api.ts refused the others with client_not_confined). New clients get only
-- the scopes the operator chooses; the column default (none) fails closed.
-- ApiClient's row-level security is forced on the owner too, so the backfill opens the all-municipalities
-- scope for this session (as the app's system work does) and closes it again.
SELECT set_config('app.all_municipalities', 'on', false);
UPDATE "ApiClient" SET "scopes" = CASE
  WHEN "municipalityId" IS NULL THEN ARRAY['kiosk_issuance', 'koseki_intake']::"ApiClientScope"[]
  ELSE ARRAY['kiosk_issuance', 'koseki_intake', 'imports']::"ApiClientScope"[]
END;
RESET app.all_municipalities;
