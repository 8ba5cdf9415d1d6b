// What a source or a destination is (the two kinds of endpoint, docs/glossary.md) and where its pages
// live. At the root of lib/, below both features: a credential's page links to the endpoints using it.
/** What a person is creating: a data source (reads from the connector) or a destination (writes to it). */
export type EndpointKind = "source" | "destination";

export const endpointKinds = {
  source: { label: "source", basePath: "/sources" },
  destination: { label: "destination", basePath: "/destinations" },
} as const satisfies Record<EndpointKind, { label: string; basePath: string }>;
