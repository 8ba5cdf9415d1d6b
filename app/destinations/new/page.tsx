import { ConnectorCatalog } from "@/components/connections/connector-catalog";

export const metadata = { title: "New destination" };

export default function NewDestinationPage() {
  return <ConnectorCatalog kind="destination" />;
}
