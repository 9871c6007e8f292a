-- AlterTable
ALTER TABLE "Vault" ADD COLUMN     "tags" JSONB;
