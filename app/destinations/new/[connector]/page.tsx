import { authenticateRoute, newEndpointMetadata } from "@/components/endpoints/new-endpoint-pages";

export const metadata = newEndpointMetadata("authenticate", "destination");
export default authenticateRoute("destination");
