/**
 * The request header through which the app learns its client's address. The app server
 * (server/http/app-server.ts) writes it on every request, replacing whatever a client sent, so
 * nothing a client writes reaches the app as its address.
 */
export const CLIENT_ADDRESS_HEADER = "x-tianshan-client-address";

// A dual-stack socket reports IPv4 peers as IPv4-mapped IPv6; one client must have one address.
const unmapped = (address: string) => (address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address);

/**
 * The client's address: the socket's peer when no proxy is trusted; behind `trustedProxyHops`
 * reverse proxies, the entry that many from the right of X-Forwarded-For (each proxy appends the
 * peer it saw, so the right-most is written by the nearest one). Entries further left were written
 * by the client and are never used. A header shorter than the trusted chain (a request that did not
 * pass every proxy) yields its left-most entry, as Express's `trust proxy` count does.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxyHops: number): string | null {
  if (trustedProxyHops === 0) return peer ? unmapped(peer) : null;
  const chain = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(","))
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (peer) chain.push(peer);
  const entry = chain[Math.max(0, chain.length - 1 - trustedProxyHops)];
  return entry ? unmapped(entry) : null;
}

// Set by the app server in its own process before Next starts; instrumentation.ts refuses to
// serve without it (plain `next start` would pass a client's header through). A global symbol,
// since the server's modules and Next's bundle of the app are separate copies in one process.
const WRITTEN_BY_APP_SERVER = Symbol.for("tianshan.clientAddressWritten");

export function markClientAddressWritten(): void {
  Reflect.set(globalThis, WRITTEN_BY_APP_SERVER, true);
}

export const clientAddressWritten = (): boolean => Reflect.get(globalThis, WRITTEN_BY_APP_SERVER) === true;
