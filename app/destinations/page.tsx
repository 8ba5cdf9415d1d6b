import { EndpointList } from "@/components/endpoints/endpoint-list";

export const metadata = { title: "Destinations" };

export default function DestinationsPage() {
  return <EndpointList kind="destination" />;
}
