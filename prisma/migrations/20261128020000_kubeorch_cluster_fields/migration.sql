-- KubeOrch's cluster fields on REST (issue 15): a display name, how the credentials were given,
-- and each user's default cluster.
-- AlterTable
ALTER TABLE "Cluster" ADD COLUMN     "authType" TEXT,
ADD COLUMN     "displayName" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "defaultClusterId" UUID;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_defaultClusterId_fkey" FOREIGN KEY ("defaultClusterId") REFERENCES "Cluster"("id") ON DELETE SET NULL ON UPDATE CASCADE;
