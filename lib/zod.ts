import { z } from "zod";

// Zod 4 probes for `new Function` to speed up parsing; our CSP forbids eval, so the probe only
// produces a violation report. Parse without it.
z.config({ jitless: true });

export { z };
