import { routeMethods } from "@/lib/api/methods";
import { createWebhookRoute, listWebhooksRoute } from "@/lib/api/webhook-routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: listWebhooksRoute,
  POST: createWebhookRoute,
});
