// npm run api:lint — the OpenAPI document the app serves, linted with Redocly's recommended rules:
// any error or warning fails (client generators name methods by operationId, and so on).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { openApiDocument } from "@/lib/api/openapi";

const folder = mkdtempSync(path.join(tmpdir(), "openapi-lint-"));
const file = path.join(folder, "openapi.json");
try {
  writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
  const lint = spawnSync("npx", ["redocly", "lint", file, "--format", "json"], {
    encoding: "utf8",
    // Offline here: no telemetry, no update check.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf("{"))) as {
    totals: { errors: number; warnings: number };
    problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
  };
  for (const problem of report.problems)
    console.error(`${problem.severity} ${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer ?? ""})`);
  const { errors, warnings } = report.totals;
  console.log(`OpenAPI document: ${errors} error(s), ${warnings} warning(s) under Redocly's recommended rules.`);
  process.exitCode = errors + warnings === 0 ? 0 : 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
}
