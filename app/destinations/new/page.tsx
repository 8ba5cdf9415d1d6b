import { ConnectorCatalog } from "@/components/endpoints/connector-catalog";

export const metadata = { title: "New destination" };

export default function NewDestinationPage() {
  return <ConnectorCatalog kind="destination" />;
}
