import { listConnectorsRoute } from "@/lib/api/connector-routes";

export const GET = listConnectorsRoute;
