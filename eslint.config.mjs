import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // Code that reaches the browser validates with zod/mini (lib/zod-mini.ts): the classic API
    // ships whole, about 90 kB gzip (docs/performance.md, benchmark 4). Types are free.
    files: [
      "components/**/*.{ts,tsx}",
      "lib/action-result.ts",
      "lib/connections/kinds.ts",
      "lib/connections/schema.ts",
      "lib/connectors/catalog.ts",
      "lib/connectors/types.ts",
      "lib/connectors/clickup/api-key.ts",
      "lib/connectors/clickup/definition.ts",
      "lib/credentials/schema.ts",
      "lib/text-safety.ts",
    ],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: ["zod", "zod/v4", "@/lib/zod"].map((name) => ({
            name,
            allowTypeImports: true,
            message: "This code runs in the browser: use zod/mini through @/lib/zod-mini.",
          })),
        },
      ],
    },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
];

export default config;
