import { destinationRoutes } from "@/lib/api/endpoint-routes";

export const GET = destinationRoutes.get;
export const PATCH = destinationRoutes.rename;
export const DELETE = destinationRoutes.delete;
