import NextAuth from "next-auth";
import { authOptions } from "~/server/auth/config";

const handler = NextAuth(authOptions);

// next-auth answers a GET of the credentials callback with a 500 ("callback for provider type
// credentials not supported"): a wrong method, not a fault of ours. Refused as 405, as Next
// refuses PUT or PATCH, so probing with other methods fills no error log.
function GET(request: Request, context: unknown) {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) return new Response(null, { status: 405, headers: { allow: "POST" } });
  return (handler as (request: Request, context: unknown) => Promise<Response>)(request, context);
}

export { GET, handler as POST };
