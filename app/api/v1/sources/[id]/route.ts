import { sourceRoutes } from "@/lib/api/endpoint-routes";

export const GET = sourceRoutes.get;
export const PATCH = sourceRoutes.rename;
export const DELETE = sourceRoutes.delete;
