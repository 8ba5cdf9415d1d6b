import { EndpointList } from "@/components/endpoints/endpoint-list";

export const metadata = { title: "Sources" };

export default function SourcesPage() {
  return <EndpointList kind="source" />;
}
