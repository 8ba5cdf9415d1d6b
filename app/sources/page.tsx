import { EndpointList } from "@/components/endpoints/endpoint-list";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sources" };

export default function SourcesPage() {
  return <EndpointList kind="source" />;
}
