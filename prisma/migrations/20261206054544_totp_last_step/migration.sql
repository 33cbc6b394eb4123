-- AlterTable
ALTER TABLE "StaffUser" ADD COLUMN     "lastTotpStep" INTEGER;

