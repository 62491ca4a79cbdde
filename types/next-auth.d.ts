import "next-auth";

declare module "next-auth" {
  interface User {
    /** The server-side session opened by a successful sign-in. */
    sessionId: string;
  }
}
