import { getSignedInPerson } from "@/lib/auth/session";
import { countNeedingAttention } from "@/lib/credential-watch/queries";

/**
 * The header's "Needs attention" count, fetched by the page after it is shown and after each
 * client-side navigation (components/layout/needs-attention-link.tsx): a page never waits for it.
 */
export async function GET() {
  const person = await getSignedInPerson();
  if (!person) return Response.json({ count: 0 }, { status: 401, headers: { "cache-control": "no-store" } });
  return Response.json({ count: await countNeedingAttention(person) }, { headers: { "cache-control": "no-store" } });
}
