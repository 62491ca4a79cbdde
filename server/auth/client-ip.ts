import { CLIENT_ADDRESS_HEADER } from "~/server/http/client-address";

/**
 * The client's address, as the app server established it (server/http/client-address.ts) from the
 * socket or the trusted proxies; it overwrites the header on every request. The app refuses to
 * start without that server (instrumentation.ts), so the header is never the client's own.
 */
export function clientIp(headers: Headers): string | null {
  return headers.get(CLIENT_ADDRESS_HEADER) || null;
}
