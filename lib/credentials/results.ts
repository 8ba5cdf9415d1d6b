import type { ActionResult } from "@/lib/action-result";

import type { PublicCredential } from "./public-credential";
import type { CredentialField } from "./schema";

export type CreateCredentialResult = ActionResult<PublicCredential, CredentialField>;
