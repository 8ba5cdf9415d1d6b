import { configureRoute, newEndpointMetadata } from "@/components/endpoints/new-endpoint-pages";

export const metadata = newEndpointMetadata("configure", "source");
export default configureRoute("source");
