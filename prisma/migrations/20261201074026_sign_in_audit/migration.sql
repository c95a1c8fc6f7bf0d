-- AlterEnum
ALTER TYPE "AuditEntity" ADD VALUE 'SIGN_IN';
