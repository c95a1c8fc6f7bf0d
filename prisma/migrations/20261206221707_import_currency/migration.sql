-- AlterEnum
ALTER TYPE "AuditEntity" ADD VALUE 'IMPORT';

-- AlterTable
ALTER TABLE "Instrument" ADD COLUMN     "currency" VARCHAR(3) NOT NULL DEFAULT 'USD';
