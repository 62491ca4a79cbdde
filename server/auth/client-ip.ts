/**
 * The client's address as seen by the outermost proxy we trust. `next start` appends the socket
 * peer to X-Forwarded-For; each trusted reverse proxy in front appends one more hop. Entries to the
 * left of those were written by the client and are ignored, so a spoofed header changes nothing.
 */
export function clientIp(headers: Headers, trustedProxyHops: number): string | null {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return hops[hops.length - 1 - trustedProxyHops] ?? null;
}
