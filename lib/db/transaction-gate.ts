import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

import { currentDeadline, retryUntil } from "./busy-wait";
import { isSqliteBusy } from "./errors";

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
 *
 * Another program may hold the file's write lock (a backup, an admin's sqlite3 shell). The
 * connection is opened with no busy timeout, so SQLite answers "busy" at once instead of sleeping
 * inside the synchronous driver call (which froze every request of the process); the gate then
 * waits asynchronously and tries again (busy-wait.ts), up to DATABASE_BUSY_TIMEOUT_MS. A statement
 * outside a transaction is simply run again: one that failed "busy" changed nothing. A
 * transaction takes the write lock when it begins (BEGIN IMMEDIATE), so that is the only step that
 * can be busy and the only one retried: with SQLite's default deferred BEGIN, a transaction that
 * read first and then could not write would have to be undone and run again as a whole.
 */
export class TransactionGate {
  private queue: Promise<unknown> = Promise.resolve();
  /** Settles when the open transaction ends; undefined when none is open. */
  private open?: Promise<void>;

  /** @param busyTimeoutMs how long a statement or the start of a transaction may wait for the lock */
  constructor(private readonly busyTimeoutMs: number) {}

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

  /** Runs `attempt` again while SQLite answers "busy", until the caller's deadline. */
  private whileBusy<T>(attempt: () => Promise<T>): Promise<T> {
    return retryUntil(currentDeadline(this.busyTimeoutMs), isSqliteBusy, attempt);
  }

  private gateAdapter(adapter: Adapter): Adapter {
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      queryRaw: (query) => this.whileBusy(() => this.whileClosed(() => adapter.queryRaw(query))),
      executeRaw: (query) => this.whileBusy(() => this.whileClosed(() => adapter.executeRaw(query))),
      executeScript: (script) => this.whileBusy(() => this.whileClosed(() => adapter.executeScript(script))),
      getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
      dispose: () => adapter.dispose(),
      // Between attempts nothing is open, so other requests' queries run while this one waits.
      startTransaction: (isolationLevel) => this.whileBusy(() => this.beginImmediate(adapter, isolationLevel)),
    };
  }

  private async beginImmediate(
    adapter: Adapter,
    isolationLevel: Parameters<Adapter["startTransaction"]>[0],
  ): Promise<Transaction> {
    while (this.open) await this.open;
    // Marked open before BEGIN runs, in the same tick: no other query can slip in between.
    let end!: () => void;
    const open = new Promise<void>((resolve) => (end = resolve));
    this.open = open;
    const close = () => {
      if (this.open === open) this.open = undefined;
      end();
    };
    let transaction: Transaction;
    try {
      transaction = await adapter.startTransaction(isolationLevel);
    } catch (error) {
      close();
      throw error;
    }
    try {
      // The adapter began a deferred transaction (which takes no lock); begin again, taking the
      // write lock now.
      await transaction.executeRaw(statement("ROLLBACK"));
      await transaction.executeRaw(statement("BEGIN IMMEDIATE"));
    } catch (error) {
      await transaction.executeRaw(statement("ROLLBACK")).catch(() => undefined); // none may be open
      await transaction.rollback().finally(close); // releases the adapter's own lock
      throw error;
    }
    // Ends the transaction once: releases the adapter's own lock, then the gate.
    let ended = false;
    const endWith = (release: () => Promise<void>) => {
      if (ended) return Promise.resolve();
      ended = true;
      return release().finally(close);
    };
    return {
      provider: transaction.provider,
      adapterName: transaction.adapterName,
      options: transaction.options,
      queryRaw: (query) => transaction.queryRaw(query),
      executeRaw: async (query) => {
        try {
          return await transaction.executeRaw(query);
        } catch (error) {
          // Prisma sends COMMIT or ROLLBACK here, and calls commit()/rollback() only if that
          // succeeded: a failure would keep the gate and the adapter's lock held for good, and
          // every later query would wait forever.
          if (query.sql === "ROLLBACK") return 0; // SQLite already ended it (after an I/O error, say): nothing to undo
          if (query.sql === "COMMIT") {
            await transaction.executeRaw(statement("ROLLBACK")).catch(() => undefined); // none may be open
            await endWith(() => transaction.rollback());
          }
          throw error;
        }
      },
      // Prisma has already sent COMMIT or ROLLBACK through executeRaw when it calls these.
      commit: () => endWith(() => transaction.commit()),
      rollback: () => endWith(() => transaction.rollback()),
    };
  }
}

function statement(sql: string) {
  return { sql, args: [], argTypes: [] };
}
