import { AuthenticatePage } from "@/components/credentials/authenticate-page";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "Authenticate · New destination" };

export default async function NewDestinationAuthenticatePage(props: {
  params: Promise<{ connector: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const [{ connector }, searchParams] = await Promise.all([props.params, props.searchParams]);
  return (
    <AuthenticatePage
      kind="destination"
      connectorId={connector}
      selectedCredentialId={firstParam(searchParams.credential)}
      draftName={firstParam(searchParams.name)}
      query={firstParam(searchParams.q)}
      show={firstParam(searchParams.show)}
      oauthReturn={{
        outcome: firstParam(searchParams.oauth),
        name: firstParam(searchParams.oauthName),
        description: firstParam(searchParams.oauthDescription),
      }}
    />
  );
}
