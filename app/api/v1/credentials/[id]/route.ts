import { deleteCredentialRoute, editCredentialRoute, getCredentialRoute } from "@/lib/api/credential-routes";

export const GET = getCredentialRoute;
export const PATCH = editCredentialRoute;
export const DELETE = deleteCredentialRoute;
