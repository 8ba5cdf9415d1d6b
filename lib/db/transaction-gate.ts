import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type AdapterFactory = Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect">;
type Adapter = Awaited<ReturnType<AdapterFactory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Transaction isolation for a database with one connection (better-sqlite3). There, a
 * transaction is just BEGIN…COMMIT on the shared connection: any other request's query that ran
 * meanwhile would join it — read its uncommitted rows, and be rolled back with it.
 *
 * The gate sits in the driver adapter, below Prisma: the queries of a transaction reach the
 * database through the adapter's transaction object, all others through the adapter itself, so
 * the gate holds the latter while a transaction is open (BEGIN to COMMIT/ROLLBACK) and needs no
 * bookkeeping of which request a query belongs to. better-sqlite3 runs each statement
 * synchronously, so no query is ever in flight when a transaction begins.
 *
 * Transactions themselves queue in `transaction()` (lib/db/client.ts `inTransaction`) before
 * Prisma is asked for one, so Prisma's own wait limit (maxWait) never runs out in the queue.
 */
export class TransactionGate {
  private queue: Promise<unknown> = Promise.resolve();
  /** Settles when the open transaction ends; undefined when none is open. */
  private open?: Promise<void>;

  /** Runs `run`, which opens one transaction, once the transactions queued before it are done. */
  transaction<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The adapter factory, with every query made outside a transaction held while one is open. */
  adapter(factory: AdapterFactory): AdapterFactory {
    return {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => this.gateAdapter(await factory.connect()),
    };
  }

  private async whileClosed<T>(run: () => Promise<T>): Promise<T> {
    while (this.open) await this.open;
    return run();
  }

  private gateAdapter(adapter: Adapter): Adapter {
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      queryRaw: (query) => this.whileClosed(() => adapter.queryRaw(query)),
      executeRaw: (query) => this.whileClosed(() => adapter.executeRaw(query)),
      executeScript: (script) => this.whileClosed(() => adapter.executeScript(script)),
      getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
      dispose: () => adapter.dispose(),
      startTransaction: async (isolationLevel) => {
        while (this.open) await this.open;
        // Marked open before BEGIN runs, in the same tick: no other query can slip in between.
        let end!: () => void;
        this.open = new Promise((resolve) => (end = resolve));
        const close = () => {
          this.open = undefined;
          end();
        };
        let transaction: Transaction;
        try {
          transaction = await adapter.startTransaction(isolationLevel);
        } catch (error) {
          close();
          throw error;
        }
        return {
          provider: transaction.provider,
          adapterName: transaction.adapterName,
          options: transaction.options,
          queryRaw: (query) => transaction.queryRaw(query),
          executeRaw: (query) => transaction.executeRaw(query),
          // Prisma has already sent COMMIT or ROLLBACK through executeRaw when it calls these.
          commit: () => transaction.commit().finally(close),
          rollback: () => transaction.rollback().finally(close),
        };
      },
    };
  }
}
