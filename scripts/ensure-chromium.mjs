#!/usr/bin/env node
// The browser tests drive Debian's Chromium (Playwright's own browser download is not possible
// here). Install it when missing and we may (root on Debian); otherwise say what to do.
import { execSync } from "node:child_process";
import fs from "node:fs";

const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (fs.existsSync(chromiumPath)) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = fs.existsSync("/usr/bin/apt-get");
if (!isRoot || !hasApt || process.env.CHROMIUM_PATH) {
  console.error(
    `[e2e] Chromium not found at ${chromiumPath}.\n` +
      "  Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)\n" +
      "  or point CHROMIUM_PATH at a Chromium/Chrome binary.",
  );
  process.exit(1);
}
console.log("[e2e] Installing Debian's chromium (apt-get)…");
execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
