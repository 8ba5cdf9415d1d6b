import { replaceTokenRoute } from "@/lib/api/credential-routes";

export const PUT = replaceTokenRoute;
