import { AuthenticatePage } from "@/components/credentials/authenticate-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Authenticate · New source" };

export default async function NewSourceAuthenticatePage({ params }: { params: Promise<{ connector: string }> }) {
  const { connector } = await params;
  return <AuthenticatePage kind="source" connectorId={connector} />;
}
