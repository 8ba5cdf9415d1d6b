import { ConnectorCatalog } from "@/components/connections/connector-catalog";

export const metadata = { title: "New source" };

export default function NewSourcePage() {
  return <ConnectorCatalog kind="source" />;
}
