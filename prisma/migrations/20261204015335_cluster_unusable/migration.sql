-- AlterEnum
ALTER TYPE "ClusterStatus" ADD VALUE 'UNUSABLE';

