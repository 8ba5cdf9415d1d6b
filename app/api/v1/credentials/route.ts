import { createCredentialRoute, listCredentialsRoute } from "@/lib/api/credential-routes";

export const GET = listCredentialsRoute;
export const POST = createCredentialRoute;
