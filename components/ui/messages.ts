// Messages the browser shows itself, when the server could not give one (its own messages come
// with the action's result).

/** The call to a server action failed: network gone, server down, or a body it refused unread. */
export const REQUEST_FAILED_MESSAGE =
  "The server could not be reached or refused the request. Nothing was saved; check your connection and try again.";

/** The same, where the action creates a source or destination. */
export const CREATE_REQUEST_FAILED_MESSAGE = "The server could not be reached. Nothing was created; try again.";

/**
 * The same, for Add New Credential's Save: the answer may have been lost after the save went
 * through, so "nothing was saved" could be false (the browser cannot tell a lost answer from a
 * refused request). Saving again is safe (the idempotency key).
 */
export const SAVE_CREDENTIAL_REQUEST_FAILED_MESSAGE =
  "The server could not be reached, refused the request, or its answer was lost. The credential may or may not have been saved: press Save again, it will not be stored twice.";
