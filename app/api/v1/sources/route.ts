import { sourceRoutes } from "@/lib/api/endpoint-routes";

export const GET = sourceRoutes.list;
export const POST = sourceRoutes.create;
