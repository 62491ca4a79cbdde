import { env } from "~/env.js";
import { logError } from "~/server/logging";
import { ServiceError } from "~/server/services/errors";
import { unsubscribeByToken } from "~/server/services/subscriptions/manage";

/**
 * RFC 8058 one-click unsubscribe. Not a tRPC procedure: mail clients POST the form body
 * `List-Unsubscribe=One-Click` here, without a session; the signed token is the credential.
 * The confirmation page posts here too, and is sent back to say it is done.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const oneClick = (await request.text()).includes("List-Unsubscribe=One-Click");
  const page = new URL(`/unsubscribe/${encodeURIComponent(token)}`, env.APP_URL);
  try {
    await unsubscribeByToken(token);
  } catch (error) {
    // Next.js logs what a route throws, a failed query's parameters included: codes only.
    if (!(error instanceof ServiceError && error.kind === "NOT_FOUND")) throw logError("unsubscribe", error);
    if (oneClick) return new Response("Not found", { status: 404 });
    page.searchParams.set("invalid", "1");
    return Response.redirect(page, 303);
  }
  if (oneClick) return new Response("Unsubscribed", { status: 200 });
  page.searchParams.set("done", "1");
  return Response.redirect(page, 303);
}
