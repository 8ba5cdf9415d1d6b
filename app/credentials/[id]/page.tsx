import { CredentialDetailPage } from "@/components/credentials/credential-detail-page";

export const metadata = { title: "Credential" };

export default async function CredentialPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ oauth?: string | string[] }>;
}) {
  const [{ id }, { oauth }] = await Promise.all([params, searchParams]);
  return <CredentialDetailPage id={id} oauth={typeof oauth === "string" ? oauth : undefined} />;
}
