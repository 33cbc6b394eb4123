-- AlterTable
ALTER TABLE "Issuance" ADD COLUMN     "terminalMunicipalityCode" CHAR(6);

