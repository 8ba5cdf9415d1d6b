import { ConnectionList } from "@/components/connections/connection-list";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sources" };

export default function SourcesPage() {
  return <ConnectionList kind="source" />;
}
