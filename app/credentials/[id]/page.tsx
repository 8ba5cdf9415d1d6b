import { CredentialDetailPage } from "@/components/credentials/credential-detail-page";
import { OAUTH_OUTCOME_PARAM } from "@/lib/oauth/outcome-redirect";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "Credential" };

export default async function CredentialPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  return <CredentialDetailPage id={id} oauthOutcomeId={firstParam(query[OAUTH_OUTCOME_PARAM])} />;
}
