import { EndpointDetail } from "@/components/endpoints/endpoint-detail";

export const metadata = { title: "Destination" };

export default async function DestinationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EndpointDetail kind="destination" id={id} />;
}
