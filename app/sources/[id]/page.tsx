import { EndpointDetail } from "@/components/endpoints/endpoint-detail";

export const metadata = { title: "Source" };

export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EndpointDetail kind="source" id={id} />;
}
