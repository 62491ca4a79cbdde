import { readFileSync } from "node:fs";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "~/db/schema";
import { createUser } from "~/db/seed/factories";
import type { Role } from "~/server/auth/roles";
import { databaseUrlFile } from "./state";

type Db = ReturnType<typeof drizzle<typeof schema>>;
type TestUser = Awaited<ReturnType<typeof createUser>>;

/** Signs in through next-auth's credentials endpoint, as the sign-in form does, without the form. */
export async function apiSignIn(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${email}`).toBeLessThan(400);
}

export async function signInWithForm(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export const test = base.extend<
  { users: { create: (input: { role: Role; agencyId: string; locale?: "en" | "ru" | "zh" }) => Promise<TestUser> } },
  { db: Db }
>({
  db: [
    async ({}, use) => {
      const client = postgres(readFileSync(databaseUrlFile(), "utf8"), { max: 2, onnotice: () => {} });
      await use(drizzle({ client, schema, casing: "snake_case" }));
      await client.end();
    },
    { scope: "worker" },
  ],
  users: async ({ db }, use) => {
    await use({ create: (input) => createUser(db, input) });
  },
});

export { expect };
