import { ConfigurePage } from "@/components/endpoints/configure-page";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata = { title: "Configure · New source" };

export default async function ConfigureSourcePage(props: {
  params: Promise<{ connector: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const [{ connector }, searchParams] = await Promise.all([props.params, props.searchParams]);
  return (
    <ConfigurePage
      kind="source"
      connectorId={connector}
      credentialId={firstParam(searchParams.credential)}
      draftName={firstParam(searchParams.name)}
    />
  );
}
