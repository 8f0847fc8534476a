-- CreateEnum
CREATE TYPE "DepartmentKind" AS ENUM ('BUREAU', 'MEDIATION_BODY');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "reviewDecidedAt" TIMESTAMP(3),
ADD COLUMN     "reviewOpinion" TEXT,
ADD COLUMN     "reviewRequestedAt" TIMESTAMP(3),
ADD COLUMN     "reviewResult" TEXT;

-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "kind" "DepartmentKind" NOT NULL DEFAULT 'BUREAU';
