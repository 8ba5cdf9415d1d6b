// Messages the browser shows itself, when the server could not give one (its own messages come
// with the action's result).

/** The call to a server action failed: network gone, server down, or a body it refused unread. */
export const REQUEST_FAILED_MESSAGE =
  "The server could not be reached or refused the request. Nothing was saved; check your connection and try again.";

/** The same, where the action creates a source or destination. */
export const CREATE_REQUEST_FAILED_MESSAGE = "The server could not be reached. Nothing was created; try again.";
