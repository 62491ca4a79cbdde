"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";

type Props<M, S> = {
  /** The enhanced control's module, as `() => import("…")`: a chunk of its own, fetched on intent. */
  load: () => Promise<M>;
  /** What the enhanced control starts from, read from the plain one as it is replaced. */
  read: (root: HTMLElement) => S;
  /** The plain control: what the server renders, and all there is without JavaScript. */
  fallback: ReactNode;
  children: (module: M, start: S) => ReactNode;
  /** Load as soon as scripts run (a plain control that would look out of place meanwhile). */
  eager?: boolean;
};

/**
 * A control whose script is fetched only once the reader shows intent to use it (the pointer over
 * it, the focus in it); until then, and without JavaScript, it is the plain control. A page whose
 * reader never touches it never loads it (`next/dynamic` with server rendering would preload the
 * chunk with the page). The enhanced control starts from what the plain one holds by then.
 */
export function OnIntent<M, S>({ load, read, fallback, children, eager = false }: Props<M, S>) {
  const root = useRef<HTMLDivElement>(null);
  const asked = useRef(false);
  const [live, setLive] = useState<{ module: M; start: S } | null>(null);

  function intend() {
    if (asked.current) return;
    asked.current = true;
    load().then(
      (module) => {
        const node = root.current;
        if (!node) return;
        // The focused plain control, removed, fires focusout: not the reader leaving the field, and
        // a form checking fields on blur (Conform) would ask for a check by a submit from inside
        // React's commit, where React cannot stop it (the browser would post the form).
        const quiet = (event: FocusEvent) => event.stopPropagation();
        node.addEventListener("focusout", quiet, true);
        try {
          // Read and replaced in one task: a key pressed in between would land in a field that is gone.
          flushSync(() => setLive({ module, start: read(node) }));
        } finally {
          node.removeEventListener("focusout", quiet, true);
        }
      },
      // Offline, say: the plain control stays, and the next sign of intent tries again.
      () => {
        asked.current = false;
      },
    );
  }

  // A field focused before the page's scripts ran has shown intent already.
  useEffect(() => {
    if (eager || root.current?.contains(document.activeElement)) intend();
  }, []);

  return (
    <div ref={root} onFocus={intend} onPointerEnter={intend}>
      {live ? children(live.module, live.start) : fallback}
    </div>
  );
}
