import { spawnSync } from "node:child_process";
import os from "node:os";

/** An address for tests to add to loopback when the machine has no other one (TEST-NET-2). */
const ADDED_ADDRESS = "198.51.100.77";

/**
 * One of this machine's own non-loopback IPv4 addresses: a request sent to it from here arrives
 * with that address as its peer, as a request from another machine on the network would. Where
 * the machine has none (a sandbox with loopback only), one is added to the loopback interface
 * (root only, as tests in CI run).
 */
export function nonLoopbackAddress(): string {
  for (const entries of Object.values(os.networkInterfaces()))
    for (const entry of entries ?? []) if (entry.family === "IPv4" && !entry.internal) return entry.address;
  const added = spawnSync("ip", ["address", "add", `${ADDED_ADDRESS}/32`, "dev", "lo"], { encoding: "utf8" });
  if (added.status !== 0 && !/File exists/.test(added.stderr))
    throw new Error(`This machine has no non-loopback address, and adding one failed: ${added.stderr}`);
  return ADDED_ADDRESS;
}
