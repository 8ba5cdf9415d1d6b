import { ConnectorCatalog } from "@/components/endpoints/connector-catalog";

export const metadata = { title: "New source" };

export default function NewSourcePage() {
  return <ConnectorCatalog kind="source" />;
}
