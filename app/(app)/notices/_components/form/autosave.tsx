"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FormState } from "./form-state";

/**
 * A form's input kept in this browser's localStorage while it is being written, so that a reload,
 * a crash or a submission lost on a flaky link loses nothing. `version` is the notice version an
 * edit started from (0 for a new notice); the idempotency key travels with the input, so a
 * submission retried after a reload is still recognised as the same one.
 */
export type Saved = { format: 1; savedAt: string; idempotencyKey: string; version: number; state: FormState };

const PREFIX = "tianshan.notice-form.";

/** Storage keys name the user: a colleague signing in on the same computer never gets another's text. */
export const storageKey = (userId: string, scope: string) => `${PREFIX}${userId}.${scope}`;

/** At sign-out nothing the user was writing stays behind on a shared computer. */
export function forgetUnsavedForms(): void {
  for (const key of Object.keys(window.localStorage)) if (key.startsWith(PREFIX)) window.localStorage.removeItem(key);
}

/** crypto.randomUUID exists only in secure contexts; an agency reaching the app over plain HTTP still gets a v4 UUID. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function read(key: string, kind: FormState["details"]["kind"], blank: FormState): Saved | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const saved = JSON.parse(raw) as Partial<Saved>;
    if (saved.format !== 1 || saved.state?.details?.kind !== kind || typeof saved.idempotencyKey !== "string") return null;
    // Over a blank form, so that a field added since it was saved still has a value.
    const state = { ...blank, ...saved.state, details: { ...blank.details, ...saved.state.details } } as FormState;
    return { format: 1, savedAt: String(saved.savedAt), idempotencyKey: saved.idempotencyKey, version: Number(saved.version) || 0, state };
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
 * Keeps `state` (once the author has changed something) under `key`, and hands back what an
 * earlier visit left there. Reading waits for the first effect, so the server's render and the
 * browser's first render agree.
 */
export function useAutosave({
  key,
  kind,
  blank,
  state,
  dirty,
  idempotencyKey,
  version,
}: {
  key: string;
  kind: FormState["details"]["kind"];
  blank: FormState;
  state: FormState;
  dirty: boolean;
  idempotencyKey: string;
  version: number;
}) {
  const [found, setFound] = useState<Saved | null>(null);
  const [loaded, setLoaded] = useState(false);
  const blankRef = useRef(blank);

  useEffect(() => {
    setFound(read(key, kind, blankRef.current));
    setLoaded(true);
  }, [key, kind]);

  useEffect(() => {
    if (!loaded || !dirty) return;
    write(key, { format: 1, savedAt: new Date().toISOString(), idempotencyKey, version, state });
  }, [loaded, dirty, key, idempotencyKey, version, state]);

  const clear = useCallback(() => write(key, null), [key]);
  return { found, loaded, clear };
}
