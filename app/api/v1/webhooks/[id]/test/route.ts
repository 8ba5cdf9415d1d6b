import { routeMethods } from "@/lib/api/methods";
import { sendTestEventRoute } from "@/lib/api/webhook-routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ POST: sendTestEventRoute });
