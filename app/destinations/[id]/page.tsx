import { ConnectionDetail } from "@/components/connections/connection-detail";

export const dynamic = "force-dynamic";
export const metadata = { title: "Destination" };

export default async function DestinationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ConnectionDetail kind="destination" id={id} />;
}
