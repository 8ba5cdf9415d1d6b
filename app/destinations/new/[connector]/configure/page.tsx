import { configureRoute, newEndpointMetadata } from "@/components/endpoints/new-endpoint-pages";

// Next reads route segment config from the route file itself, so it stays here.
export const dynamic = "force-dynamic";
export const metadata = newEndpointMetadata("configure", "destination");
export default configureRoute("destination");
