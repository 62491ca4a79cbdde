"use client";

import { useCallback, useEffect, useState } from "react";
import type { NoticeFormDefaults } from "./values";

/**
 * A form's input kept in this browser's localStorage while it is being written, so that a reload,
 * a crash or a submission lost on a flaky link loses nothing. `version` is the notice version an
 * edit started from (0 for a new notice); the idempotency key is one of the values, so a
 * submission retried after a reload is still recognised as the same one.
 */
export type Saved = { format: 2; savedAt: string; version: number; value: NoticeFormDefaults };

// In their own module, for the form (through this one), the outbox and the sign-out: the last two,
// which every page may load, need them without this one.
export { newIdempotencyKey, storageKey } from "~/app/_components/form-drafts";

function read(key: string, kind: string): Saved | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<Saved>;
    const value = saved.value as { notice?: { kind?: unknown } } | undefined;
    if (saved.format !== 2 || value?.notice?.kind !== kind) return null;
    return { format: 2, savedAt: String(saved.savedAt), version: Number(saved.version) || 0, value: saved.value! };
  } catch {
    return null;
  }
}

function write(key: string, saved: Saved | null): void {
  try {
    if (saved) window.localStorage.setItem(key, JSON.stringify(saved));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or switched off (private browsing): the form still works, it just cannot keep a copy.
  }
}

/**
 * Keeps the form's `value` (once the author has changed something) under `key`, and hands back
 * what an earlier visit left there. Reading waits for the first effect, so the server's render and
 * the browser's first render agree.
 */
export function useAutosave({
  key,
  kind,
  value,
  dirty,
  version,
}: {
  key: string;
  kind: string;
  value: NoticeFormDefaults | undefined;
  dirty: boolean;
  version: number;
}) {
  const [found, setFound] = useState<Saved | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    setFound(read(key, kind));
    setLoaded(true);
  }, [key, kind]);

  useEffect(() => {
    if (!loaded || !dirty || !value) return;
    write(key, { format: 2, savedAt: new Date().toISOString(), version, value });
  }, [loaded, dirty, key, version, value]);

  const clear = useCallback(() => write(key, null), [key]);
  return { found, clear };
}
