import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "~/env.js";
import { clientIp } from "~/server/auth/client-ip";
import { SECURE_COOKIES, SESSION_COOKIE } from "~/server/auth/cookie-names";
import { signInWithPassword } from "~/server/services/sign-in";
import { safeReturnPath } from "~/server/auth/return-path";
import { logError } from "~/server/logging";
import { ABSOLUTE_TIMEOUT_HOURS } from "~/server/auth/sessions";
import { signOutSession } from "~/server/services/sign-out";

/** The error code a sign-in that failed on our side reports (`?error=internal`), whatever went wrong. */
export const SIGNIN_INTERNAL_ERROR = "internal";

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
        try {
          const result = await signInWithPassword({
            credentials,
            ip: clientIp(headers),
            userAgent: headers.get("user-agent"),
          });
          return result ? { id: result.userId, sessionId: result.sessionId } : null;
        } catch (error) {
          // next-auth puts the message of what authorize throws into the error page's address:
          // a failed query's would carry its SQL and parameters. The client gets one generic code.
          logError("auth", error, { step: "signin" });
          throw new Error(SIGNIN_INTERNAL_ERROR);
        }
      },
    }),
  ],
  // next-auth's own logger prints an error's message and stack, a failed query's SQL among them.
  logger: {
    error: (code, metadata) => void logError("next-auth", metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error, { code }),
    warn: (code) => console.warn(`[next-auth] warning ${code}`),
    debug: () => {},
  },
  callbacks: {
    // Only this site: next-auth's default passes "/\evil.example" on as a path of ours.
    redirect: ({ url }) => new URL(safeReturnPath(url, env.APP_URL), env.APP_URL).toString(),
    jwt({ token, user }) {
      // Only at sign-in does `user` exist; afterwards the token keeps just the session id.
      if (user && "sessionId" in user) return { sid: user.sessionId };
      return token;
    },
  },
  events: {
    async signOut({ token }) {
      const sid = typeof token?.sid === "string" ? token.sid : null;
      if (sid) await signOutSession(sid);
    },
  },
};
