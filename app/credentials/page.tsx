import { CredentialsListPage } from "@/components/credentials/credentials-list-page";
import { OAUTH_OUTCOME_PARAM } from "@/lib/oauth/outcome-redirect";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "Credentials" };

export default async function CredentialsPage(props: { searchParams: Promise<SearchParams> }) {
  const searchParams = await props.searchParams;
  return (
    <CredentialsListPage
      query={firstParam(searchParams.q)}
      connectorId={firstParam(searchParams.connector)}
      state={firstParam(searchParams.state)}
      oauthOutcomeId={firstParam(searchParams[OAUTH_OUTCOME_PARAM])}
    />
  );
}
