"use client";

import NextLink from "next/link";
import { useState, type ComponentProps } from "react";

type NetworkInformation = { saveData?: boolean; effectiveType?: string };
const SLOW = new Set(["slow-2g", "2g", "3g"]);

/** Whether the browser says the link is slow or metered (Network Information API, where it exists). */
function slowConnection(): boolean {
  const connection = (navigator as Navigator & { connection?: NetworkInformation }).connection;
  return Boolean(connection && (connection.saveData || SLOW.has(connection.effectiveType ?? "")));
}

/**
 * next/link that prefetches only when the reader shows intent (pointer over it, focus, touch),
 * and never when the browser reports a slow or save-data connection. Next's default prefetches
 * every link in the viewport: on a feed that was 25 requests competing with the page itself on a
 * 256 kbps link. Prefetching is a policy of the app, so callers cannot pass `prefetch`.
 */
export function Link({ onMouseEnter, onFocus, onTouchStart, ...props }: Omit<ComponentProps<typeof NextLink>, "prefetch">) {
  const [intent, setIntent] = useState(false);
  const showIntent = () => {
    if (!intent && !slowConnection()) setIntent(true);
  };
  return (
    <NextLink
      {...props}
      // `null` is Next's default prefetch, started now that the link is wanted.
      prefetch={intent ? null : false}
      onMouseEnter={(event) => {
        showIntent();
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        showIntent();
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        showIntent();
        onTouchStart?.(event);
      }}
    />
  );
}
