import { ConfigurePage } from "@/components/endpoints/configure-page";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "Configure · New destination" };

export default async function ConfigureDestinationPage(props: {
  params: Promise<{ connector: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const [{ connector }, searchParams] = await Promise.all([props.params, props.searchParams]);
  return (
    <ConfigurePage
      kind="destination"
      connectorId={connector}
      credentialId={firstParam(searchParams.credential)}
      draftName={firstParam(searchParams.name)}
    />
  );
}
