import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "~/env.js";
import { clientIp } from "~/server/auth/client-ip";
import { SECURE_COOKIES, SESSION_COOKIE } from "~/server/auth/cookie-names";
import { signInWithPassword } from "~/server/auth/credentials";
import { ABSOLUTE_TIMEOUT_HOURS, endSession } from "~/server/auth/sessions";
import { audit } from "~/server/services/audit";
import { db } from "~/db/index";


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
          ip: clientIp(headers),
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
