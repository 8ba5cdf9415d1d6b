// What the app answers, in plain text, to requests it refuses before any page or action runs.

export const REFUSAL_MESSAGES = {
  malformedUrl: "This address is malformed (it has a broken %-escape).",
  foreignOrigin:
    "Refused: this form was not sent from this app's own pages (the Origin header is missing or names another site).",
  bodyTooLarge: "Request body too large.",
  tooDeeplyNested: "Refused: the request body nests too deeply to be a form of this app.",
  notJson: "Refused: the request body is not a form of this app (it is not valid JSON).",
} as const;
