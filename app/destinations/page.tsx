import { ConnectionList } from "@/components/connections/connection-list";

export const dynamic = "force-dynamic";
export const metadata = { title: "Destinations" };

export default function DestinationsPage() {
  return <ConnectionList kind="destination" />;
}
