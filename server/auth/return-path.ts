/**
 * Where to send a user after signing in: the path of `value` if it stays on this site, "/"
 * otherwise. Browsers read "/\evil.example" and "/<tab>/evil.example" as "//evil.example", another
 * site, so a string test ("starts with one slash") is not enough: the value is resolved against the
 * app's own address as a browser would resolve it, and only the same origin passes. What is
 * returned is that resolution's path, so the browser is handed the already-normalised form.
 */
export function safeReturnPath(value: unknown, appUrl: string): string {
  if (typeof value !== "string" || value === "") return "/";
  const base = new URL(appUrl);
  let target: URL;
  try {
    target = new URL(value, base);
  } catch {
    return "/";
  }
  if (target.origin !== base.origin || target.username || target.password) return "/";
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example": scheme-relative once sent back.
  return path.startsWith("//") ? "/" : path;
}
