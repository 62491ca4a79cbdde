// What the notice form keeps on the device, apart from its autosave hook (a client module with the
// form's types): the outbox and the sign-out, which every page may load, need these without it.

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
