import { authenticateRoute, newEndpointMetadata } from "@/components/endpoints/new-endpoint-pages";

export const metadata = newEndpointMetadata("authenticate", "source");
export default authenticateRoute("source");
