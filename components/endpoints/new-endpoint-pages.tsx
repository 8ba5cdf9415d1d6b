import type { Metadata } from "next";

import { AuthenticatePage } from "@/components/credentials/authenticate-page";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";
import { OAUTH_OUTCOME_PARAM } from "@/lib/oauth/outcome-redirect";
import { firstParam, type SearchParams } from "@/lib/search-params";

import { ConfigurePage } from "./configure-page";

// The two steps of creating a source or destination, as pages: the route files under
// app/sources/new/[connector] and app/destinations/new/[connector] are one line each over these.

interface RouteProps {
  params: Promise<{ connector: string }>;
  searchParams: Promise<SearchParams>;
}

const stepTitles = { authenticate: "Authenticate", configure: "Configure" } as const;

/** The title of a step's page, e.g. "Authenticate · New source". */
export function newEndpointMetadata(step: keyof typeof stepTitles, kind: EndpointKind): Metadata {
  return { title: `${stepTitles[step]} · New ${endpointKinds[kind].label}` };
}

/** Step 1: pick or add a credential. */
export function authenticateRoute(kind: EndpointKind) {
  return async function NewEndpointAuthenticatePage(props: RouteProps) {
    const [{ connector }, searchParams] = await Promise.all([props.params, props.searchParams]);
    return (
      <AuthenticatePage
        kind={kind}
        connectorId={connector}
        selectedCredentialId={firstParam(searchParams.credential)}
        draftName={firstParam(searchParams.name)}
        query={firstParam(searchParams.q)}
        show={firstParam(searchParams.show)}
        oauthOutcomeId={firstParam(searchParams[OAUTH_OUTCOME_PARAM])}
      />
    );
  };
}

/** Step 2: name it and choose the Workspace. */
export function configureRoute(kind: EndpointKind) {
  return async function NewEndpointConfigurePage(props: RouteProps) {
    const [{ connector }, searchParams] = await Promise.all([props.params, props.searchParams]);
    return (
      <ConfigurePage
        kind={kind}
        connectorId={connector}
        credentialId={firstParam(searchParams.credential)}
        draftName={firstParam(searchParams.name)}
      />
    );
  };
}
