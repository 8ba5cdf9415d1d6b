import { verifyCredentialRoute } from "@/lib/api/credential-routes";

export const POST = verifyCredentialRoute;
