import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";

// What the source/destination commands tell a person, in one place.

export const ENDPOINT_MESSAGES = {
  credentialGone:
    "That credential no longer exists (it may have been deleted). Go back to pick another credential or add a new one.",
  credentialUnreadable:
    "This credential's token can no longer be decrypted (its encryption key is missing or was changed). Go back and add the credential again.",
  unknownConnector: "Unknown connector.",
  unknownConnectorStartAgain: "Unknown connector. Go back and start again.",
  tooManyListings: (seconds: number) =>
    `Workspaces were listed with this credential too often in the last minute (ClickUp limits calls per token). Try again in ${seconds} seconds.`,
  listingFailed: "Something went wrong on our side while listing Workspaces. Please try again.",
  notFound: "This source or destination no longer exists (it may have been deleted). Go back to the list.",
  createFailed: "Something went wrong on our side while creating it. Nothing was stored; please try again.",
} as const;

export function duplicateEndpointNameMessage(kind: EndpointKind, name: string): string {
  return `A ${endpointKinds[kind].label} named "${name}" already exists. Choose another name.`;
}

/** A create whose idempotency key already created something else: nothing more was created. */
export function endpointIdempotencyKeyReusedMessage(storedName: string): string {
  return `This Idempotency-Key already created "${storedName}", with other details than these. Nothing else was created. Send a new key to create another one.`;
}
