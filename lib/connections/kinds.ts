/** What a person is creating: a data source (reads from the connector) or a destination (writes to it). */
export type ConnectionKind = "source" | "destination";

export const connectionKinds = {
  source: { label: "source", basePath: "/sources" },
  destination: { label: "destination", basePath: "/destinations" },
} as const satisfies Record<ConnectionKind, { label: string; basePath: string }>;
