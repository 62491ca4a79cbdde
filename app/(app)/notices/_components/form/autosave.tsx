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
export function useAutosave({ key, kind, value, dirty, version }: { key: string; kind: string; value: NoticeFormDefaults | undefined; dirty: boolean; version: number }) {
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
