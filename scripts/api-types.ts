// `npm run api:types`: writes the typed client's types (e2e/generated/api-v1.ts) from the OpenAPI
// document the app serves, built here without a server. The e2e suite fails when the served
// document and this file disagree; run this after changing an API schema.
import { writeFileSync } from "node:fs";

import { API_TYPES_FILE, apiTypesSource } from "@/e2e/support/api-types";
import { openApiDocument } from "@/lib/api/openapi";

async function main() {
  writeFileSync(API_TYPES_FILE, await apiTypesSource(openApiDocument()));
  console.log(`Wrote ${API_TYPES_FILE}`);
}

void main();
