import { listCredentialChecksRoute } from "@/lib/api/credential-routes";
import { routeMethods } from "@/lib/api/methods";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: listCredentialChecksRoute });
