import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "~/env.js";
import { clientIp } from "~/server/auth/client-ip";
import { signInWithPassword } from "~/server/auth/credentials";
import { ABSOLUTE_TIMEOUT_HOURS, endSession } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { db } from "~/db/index";

export const SECURE_COOKIES = env.APP_URL.startsWith("https://");

// The cookie carries only the id of a server-side session row (encrypted by next-auth). Who the
// user is, and whether they may still act, is read from the database on every request.
export const SESSION_COOKIE = SECURE_COOKIES ? "__Host-tianshan.session" : "tianshan.session";

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: ABSOLUTE_TIMEOUT_HOURS * 3600 },
  pages: { signIn: "/signin", error: "/signin" },
  cookies: {
    sessionToken: {
      name: SESSION_COOKIE,
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: SECURE_COOKIES },
    },
  },
  providers: [
    CredentialsProvider({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const headers = new Headers(req.headers as Record<string, string>);
        const result = await signInWithPassword({
          credentials,
          ip: clientIp(headers, env.TRUSTED_PROXY_HOPS),
          userAgent: headers.get("user-agent"),
        });
        return result ? { id: result.userId, sessionId: result.sessionId } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // Only at sign-in does `user` exist; afterwards the token keeps just the session id.
      if (user && "sessionId" in user) return { sid: user.sessionId };
      return token;
    },
  },
  events: {
    async signOut({ token }) {
      const sid = typeof token?.sid === "string" ? token.sid : null;
      if (!sid) return;
      const actor = await endSession(sid);
      if (actor) await audit(db, { action: "auth.signout", actor, details: { sessionId: sid } });
    },
  },
};
