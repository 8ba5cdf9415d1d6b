import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Feature folders of lib/, lowest first. A folder may import only folders before it in this list
// (and the files at the root of lib/), so lib/ can have no import cycle between folders; a new
// folder goes where its imports put it. docs/glossary.md names what each one holds.
const LIB_LAYERS = [
  "format",
  "crypto",
  "config",
  "db",
  // How a thrown error (a bug, database trouble) becomes a failure, for every entry point.
  "failures",
  "security",
  "connectors",
  "auth",
  // Outgoing webhooks the admin adds: their signing secrets, one attempt to send (send-webhook.ts),
  // Send test event. Below credentials, whose key rotation re-seals their secrets too.
  "webhooks",
  // Personal API keys: who an API request is for (above auth, below the features they act on).
  "api-keys",
  "credentials",
  // Connecting a credential with a connector's OAuth app: leaving for its authorise page (with a
  // state remembered in the database) and coming back to store or reconnect a credential.
  "oauth",
  "endpoints",
  "people",
  // The public REST API (app/api/v1): HTTP on top of the feature commands.
  "api",
  // Backup and restore: command-line operations over the whole database, above every feature.
  "backup",
];

const layerZones = [
  // The files at the root of lib/ are the floor: small, generic, browser-safe.
  {
    target: "./lib/*.ts",
    from: LIB_LAYERS.map((folder) => `./lib/${folder}`),
    message: "Files at the root of lib/ import no feature folder (see LIB_LAYERS in eslint.config.mjs).",
  },
  ...LIB_LAYERS.map((folder, index) => ({
    target: `./lib/${folder}`,
    from: LIB_LAYERS.slice(index + 1).map((higher) => `./lib/${higher}`),
    message: `lib/${folder} may import only the folders below it (LIB_LAYERS in eslint.config.mjs): this import would make a cycle possible.`,
  })),
];

// Classic zod ships to the browser whole (about 90 kB gzip, docs/performance.md, benchmark 4):
// code that reaches the browser validates with zod/mini (lib/zod-mini.browser-safe.ts). Types are free.
const noClassicZod = ["zod", "zod/v4", "@/lib/zod"].map((name) => ({
  name,
  allowTypeImports: true,
  message: "This code runs in the browser: use zod/mini through @/lib/zod-mini.browser-safe.",
}));

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    files: ["**/*.{ts,tsx,mts,mjs}"],
    rules: {
      // No file imports itself back through others, anywhere.
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": ["error", { zones: layerZones }],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}", "app/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: noClassicZod }] },
  },
  {
    // Modules the browser may load are named *.browser-safe.ts, and import only each other (types
    // of anything are fine): what a client component pulls in is then visible from the file name.
    files: ["lib/**/*.browser-safe.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: noClassicZod,
          patterns: [
            {
              regex: "^(@/lib/|\\.{1,2}/)(?!.*\\.browser-safe$)",
              allowTypeImports: true,
              message: "A browser-safe module imports only other *.browser-safe modules (or types).",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "e2e/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      // npm run bench:baseline: another commit's copy of this project, with its own build.
      ".bench-baseline/**",
    ],
  },
];

export default config;
