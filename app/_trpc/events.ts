import { useEffect, useEffectEvent } from "react";

/**
 * tRPC over the browser's own fetch and EventSource, for the live parts that every signed-in page
 * shows (the bell's count, the feed's "new notices"). The tRPC client with TanStack Query and
 * superjson is ~23 KB of compressed script; a page with no other tRPC hook would load it for these
 * alone (`npm run bench:weight`). The wire format is tRPC's over HTTP with the superjson
 * transformer: values travel as `{ json }`, which is exact for the plain JSON these carry (no
 * dates, maps or undefined inside arrays).
 */

const ENDPOINT = "/api/trpc";

/** A query's or subscription's URL, its input in the transformer's envelope as tRPC's own link sends it. */
export function subscriptionUrl(path: string, input?: unknown): string {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return `${ENDPOINT}/${path}${query}`;
}

/** A query by GET; rejects on an error answer or a lost connection. */
export async function fetchQuery<T>(path: string, input?: unknown): Promise<T> {
  const response = await fetch(subscriptionUrl(path, input), { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/**
 * Listens to a tRPC subscription while the component is mounted (`url` null: not at all).
 * `onStart` runs on every (re)connection, `onData` with each value. After a dropped connection the
 * browser reconnects by itself and sends the last event id it received (Last-Event-ID), from which
 * the server resumes. An error the server reports ends the stream for good, as does its end: the
 * browser would otherwise reconnect every few seconds to be refused again.
 */
export function useSubscriptionEvents<T>(url: string | null, handlers: { onStart?: () => void; onData?: (data: T) => void }) {
  const onStart = useEffectEvent(() => handlers.onStart?.());
  const onData = useEffectEvent((data: T) => handlers.onData?.(data));
  useEffect(() => {
    if (url === null) return;
    const source = new EventSource(url);
    source.addEventListener("connected", () => onStart());
    source.addEventListener("message", (event: MessageEvent<string>) => onData((JSON.parse(event.data) as { json: T }).json));
    source.addEventListener("serialized-error", () => source.close());
    source.addEventListener("return", () => source.close());
    return () => source.close();
  }, [url]);
}
