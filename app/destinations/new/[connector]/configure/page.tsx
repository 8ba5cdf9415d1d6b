import { configureRoute, newEndpointMetadata } from "@/components/endpoints/new-endpoint-pages";

export const metadata = newEndpointMetadata("configure", "destination");
export default configureRoute("destination");
