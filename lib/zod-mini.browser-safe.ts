// Zod for code that also runs in the browser (form schemas, connector definitions): zod/mini, the
// tree-shakable build of the same zod 4 (same core, same issues and messages). The classic API in
// lib/zod.ts ships to the browser whole — about 90 kB gzip — however little of it a schema uses.
// Import as a namespace: `import * as z from "@/lib/zod-mini.browser-safe"`.
import { config } from "zod/mini";

// Zod 4 probes for `new Function` to speed up parsing; our CSP forbids eval, so the probe only
// produces a violation report. Parse without it. (The setting is global to zod, classic included.)
config({ jitless: true });

export * from "zod/mini";
