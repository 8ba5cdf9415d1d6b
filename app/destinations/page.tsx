import { EndpointList } from "@/components/endpoints/endpoint-list";

export const dynamic = "force-dynamic";
export const metadata = { title: "Destinations" };

export default function DestinationsPage() {
  return <EndpointList kind="destination" />;
}
