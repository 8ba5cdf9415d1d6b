import { DatabaseBusyError } from "./errors";

/**
 * At most `size` transactions of this process at once on PostgreSQL; the rest wait in line here.
 *
 * Each transaction holds a pooled connection from BEGIN to COMMIT. Without a line of our own, a
 * burst of saves waits inside Prisma for a free connection, and Prisma gives up after its maxWait
 * with "Unable to start a transaction in the given time" — seen as 15 of 100 concurrent saves
 * failing on a busy two-core machine. Here the wait is first come, first served, bounded by the
 * caller's deadline (DATABASE_BUSY_TIMEOUT_MS), and ends in a DatabaseBusyError, which actions
 * answer as "the database is busy", never as a bug.
 */
export class TransactionSlots {
  private running = 0;
  private readonly waiting: { start: () => void }[] = [];

  constructor(private readonly size: number) {}

  async run<T>(deadline: number, work: () => Promise<T>): Promise<T> {
    await this.acquire(deadline);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(deadline: number): Promise<void> {
    if (this.running < this.size && this.waiting.length === 0) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        start: () => {
          clearTimeout(timer);
          this.running += 1;
          resolve();
        },
      };
      const timer = setTimeout(
        () => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(new DatabaseBusyError());
        },
        Math.max(deadline - Date.now(), 0),
      );
      this.waiting.push(waiter);
    });
  }

  private release() {
    this.running -= 1;
    this.waiting.shift()?.start();
  }
}
