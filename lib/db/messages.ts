// What a person reads when the database, not a bug, stopped an action (lib/db/errors.ts tells
// which). Each says nothing was changed: the command's transaction never committed.

export const DATABASE_MESSAGES = {
  busy: "The database is busy (another program is holding it), so nothing was stored or changed. Try again in a moment.",
  outOfSpace:
    "The database is out of space, so nothing was stored or changed. Try again once the server's disk has room (tell whoever runs this app).",
  unreachable: "The database cannot be reached right now, so nothing was stored or changed. Try again in a moment.",
} as const;
