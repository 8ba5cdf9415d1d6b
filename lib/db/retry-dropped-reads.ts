import type { PrismaClient } from "@/lib/generated/prisma-postgres/client";

import { isDroppedConnection } from "./errors";

/** What PrismaClient takes as `adapter` (PrismaPg is one). */
type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof PrismaClient>[0]>["adapter"]>;
type Adapter = Awaited<ReturnType<AdapterFactory["connect"]>>;

/** How long to give PostgreSQL (restarting, say) before the one retry. */
const PAUSE_BEFORE_RETRY_MS = 300;

/** A statement that only reads: safe to run twice. Prisma's writes are INSERT/UPDATE/DELETE (…RETURNING). */
const READ_ONLY = /^\s*SELECT\b/i;

/**
 * PostgreSQL's adapter, with a read outside a transaction tried once more when its connection
 * went away (PostgreSQL restarted, or a pooled connection was dropped): the pool hands the retry a
 * new connection, and the page loads instead of failing. Writes are not retried — one may have
 * committed before its answer was lost — and neither is anything inside a transaction, which
 * died with its connection.
 */
export function retryDroppedReads(factory: AdapterFactory): AdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withReadRetry(await factory.connect()),
  };
}

function withReadRetry(adapter: Adapter): Adapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: async (query) => {
      try {
        return await adapter.queryRaw(query);
      } catch (error) {
        if (!READ_ONLY.test(query.sql) || !isDroppedConnection(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_BEFORE_RETRY_MS));
        return adapter.queryRaw(query);
      }
    },
    executeRaw: (query) => adapter.executeRaw(query),
    executeScript: (script) => adapter.executeScript(script),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
  };
}
