/** What a person is creating: a data source (reads from the connector) or a destination (writes to it). */
export type PipelineKind = "source" | "destination";

export const pipelineKinds = {
  source: { label: "source", basePath: "/sources" },
  destination: { label: "destination", basePath: "/destinations" },
} as const satisfies Record<PipelineKind, { label: string; basePath: string }>;
