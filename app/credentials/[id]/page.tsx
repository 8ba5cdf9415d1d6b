import { CredentialDetailPage } from "@/components/credentials/credential-detail-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Credential" };

export default async function CredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <CredentialDetailPage id={id} />;
}
