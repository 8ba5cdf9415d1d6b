import { destinationRoutes } from "@/lib/api/endpoint-routes";

export const GET = destinationRoutes.list;
export const POST = destinationRoutes.create;
