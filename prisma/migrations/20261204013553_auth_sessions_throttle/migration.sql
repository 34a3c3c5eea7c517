-- Issue 13: API token scopes, revocable sessions (browser cookie and bearer JWT), single-use
-- terminal tickets, and login/registration counters shared by every replica.
-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('READ', 'WRITE', 'RUN');

-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('BROWSER', 'BEARER');

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "scopes" "TokenScope"[] NOT NULL DEFAULT ARRAY['READ', 'WRITE', 'RUN']::"TokenScope"[];

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "secretHash" TEXT,
    "userAgent" TEXT,
    "address" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TerminalTicket" (
    "tokenHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "workflowId" UUID NOT NULL,
    "nodeId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TerminalTicket_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "AuthThrottle" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Session_secretHash_key" ON "Session"("secretHash");

-- CreateIndex
CREATE INDEX "Session_userId_createdAt_idx" ON "Session"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "TerminalTicket_expiresAt_idx" ON "TerminalTicket"("expiresAt");

-- CreateIndex
CREATE INDEX "AuthThrottle_lastAt_idx" ON "AuthThrottle"("lastAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalTicket" ADD CONSTRAINT "TerminalTicket_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

