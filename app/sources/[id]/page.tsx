import { ConnectionDetail } from "@/components/connections/connection-detail";

export const dynamic = "force-dynamic";
export const metadata = { title: "Source" };

export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ConnectionDetail kind="source" id={id} />;
}
