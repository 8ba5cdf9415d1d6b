import { AuthenticatePage } from "@/components/credentials/authenticate-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Authenticate · New destination" };

export default async function NewDestinationAuthenticatePage({ params }: { params: Promise<{ connector: string }> }) {
  const { connector } = await params;
  return <AuthenticatePage kind="destination" connectorId={connector} />;
}
