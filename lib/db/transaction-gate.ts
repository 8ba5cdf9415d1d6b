import { AsyncLocalStorage } from "node:async_hooks";

/**
 * A readers-writer gate for a database with one connection (better-sqlite3). There, a
 * transaction is just BEGIN…COMMIT on the shared connection: any other request's query that runs
 * meanwhile joins it — reads its uncommitted rows, and is rolled back with it. So while a
 * transaction is open, queries from outside it wait; a transaction waits for queries in flight.
 * Queries made inside the transaction (tracked with AsyncLocalStorage) pass straight through.
 */
export class TransactionGate {
  private readonly insideTransaction = new AsyncLocalStorage<true>();
  private activeQueries = 0;
  private transactionOpen = false;
  // Waiting transactions hold back new queries, so a steady stream of reads cannot starve them.
  private transactionsWaiting = 0;
  private waiters: (() => void)[] = [];

  async query<T>(run: () => Promise<T>): Promise<T> {
    if (this.insideTransaction.getStore()) return run();
    while (this.transactionOpen || this.transactionsWaiting > 0) await this.waitForChange();
    this.activeQueries += 1;
    try {
      return await run();
    } finally {
      this.activeQueries -= 1;
      this.notify();
    }
  }

  async transaction<T>(run: () => Promise<T>): Promise<T> {
    if (this.insideTransaction.getStore()) return run();
    this.transactionsWaiting += 1;
    try {
      while (this.transactionOpen || this.activeQueries > 0) await this.waitForChange();
    } finally {
      this.transactionsWaiting -= 1;
    }
    this.transactionOpen = true;
    try {
      return await this.insideTransaction.run(true, run);
    } finally {
      this.transactionOpen = false;
      this.notify();
    }
  }

  private waitForChange(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify() {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}
