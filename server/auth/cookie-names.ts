import { env } from "~/env.js";

export const SECURE_COOKIES = env.APP_URL.startsWith("https://");

// The cookie carries only the id of a server-side session row (encrypted by next-auth). Who the
// user is, and whether they may still act, is read from the database on every request.
export const SESSION_COOKIE = SECURE_COOKIES ? "__Host-tianshan.session" : "tianshan.session";
