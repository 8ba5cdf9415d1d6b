import { routeMethods } from "@/lib/api/methods";
import { deleteWebhookRoute } from "@/lib/api/webhook-routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ DELETE: deleteWebhookRoute });
