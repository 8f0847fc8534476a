-- AlterEnum
ALTER TYPE "StaffRole" ADD VALUE 'OPERATOR';

-- AlterTable
ALTER TABLE "CitizenNotice" ADD COLUMN     "calledBackAt" TIMESTAMP(3),
ADD COLUMN     "calledBackById" INTEGER;
