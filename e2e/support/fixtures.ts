import { readFileSync } from "node:fs";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { drizzle } from "drizzle-orm/postgres-js";
import { authenticator } from "otplib";
import postgres from "postgres";
import superjson from "superjson";
import * as schema from "~/db/schema";
import { createUser, DEMO_TOTP_SECRET } from "~/db/seed/factories";
import { MFA_REQUIRED_ROLES } from "~/server/auth/permissions";
import type { Role } from "~/server/auth/roles";
import { databaseUrlFile } from "./state";

export type Db = ReturnType<typeof drizzle<typeof schema>>;
type TestUser = Awaited<ReturnType<typeof createUser>>;

const STEP_MS = 30_000;

/** The test authenticator's code for the current time step, or `steps` steps later. */
export const totpCode = (steps = 0) => authenticator.clone({ epoch: Date.now() + steps * STEP_MS }).generate(DEMO_TOTP_SECRET);

// tRPC mutations must show they come from the app's own origin; a browser sends this header itself.
export const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

/** Calls a tRPC mutation over HTTP as the signed-in user of `request`, as the app's client does. */
export async function trpcMutate(request: APIRequestContext, path: string, input: unknown) {
  const response = await request.post(`/api/trpc/${path}`, { data: superjson.serialize(input), headers: SAME_ORIGIN });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return superjson.deserialize<unknown>(((await response.json()) as { result: { data: never } }).result.data);
}

/**
 * Passes the second factor of the session in `request` when it waits for one, with the test
 * authenticator (DEMO_TOTP_SECRET: the demo's coordinator, admin and agency admin, and users
 * created by the `users` fixture in those roles). A code works once per account, so two sign-ins
 * of one account within a time step use the next step's code, and a third waits for a new step.
 */
async function passSecondFactor(request: APIRequestContext) {
  const status = await request.get("/api/trpc/mfa.status");
  if (!status.ok()) return;
  const { step } = ((await status.json()) as { result: { data: { json: { step: "verify" | "enrol" | null } } } }).result.data.json;
  if (step === null) return;
  if (step === "enrol") throw new Error("this account has no authenticator: create it with the users fixture, which enrols the test one");
  for (let round = 0; round < 2; round += 1) {
    for (const steps of [0, 1]) {
      const response = await request.post("/api/trpc/mfa.verify", { data: { json: { code: totpCode(steps) } }, headers: SAME_ORIGIN });
      if (response.ok()) return;
    }
    test.info().setTimeout(test.info().timeout + STEP_MS);
    await new Promise((resolve) => setTimeout(resolve, STEP_MS - (Date.now() % STEP_MS) + 500));
  }
  throw new Error("the second factor was refused");
}

/** Signs in through next-auth's credentials endpoint, as the sign-in form does, without the form; then the second factor. */
export async function apiSignIn(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${email}`).toBeLessThan(400);
  await passSecondFactor(request);
}

/**
 * Signs in with the form. An account with a second factor lands on its step, which is passed
 * through the API (the page shares the cookie) before going home: mfa.spec.ts tests that page itself.
 */
export async function signInWithForm(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const landed = await Promise.race([
    page.waitForURL(/\/mfa/, { timeout: 10_000 }).then(
      () => "mfa" as const,
      () => null,
    ),
    page
      .locator("[data-form-error]")
      .waitFor({ timeout: 10_000 })
      .then(
        () => "refused" as const,
        () => null,
      ),
    page
      .getByTestId("current-user")
      .waitFor({ timeout: 10_000 })
      .then(
        () => "in" as const,
        () => null,
      ),
  ]);
  if (landed === "mfa") {
    await passSecondFactor(page.request);
    await page.goto("/");
  }
}

type NewTestUser = {
  role: Role;
  agencyId: string;
  locale?: "en" | "ru" | "zh";
  /** Enrol the test authenticator: by default exactly for the roles that require a second factor. */
  authenticator?: boolean;
};

export type TestUsers = { create: (input: NewTestUser) => Promise<TestUser> };

export const test = base.extend<{ users: TestUsers }, { db: Db }>({
  db: [
    async ({}, use) => {
      const client = postgres(readFileSync(databaseUrlFile(), "utf8"), { max: 2, onnotice: () => {} });
      await use(drizzle({ client, schema, casing: "snake_case" }));
      await client.end();
    },
    { scope: "worker" },
  ],
  users: async ({ db }, use) => {
    await use({
      create: ({ authenticator, ...input }) =>
        createUser(db, { ...input, totpSecret: (authenticator ?? MFA_REQUIRED_ROLES.includes(input.role)) ? DEMO_TOTP_SECRET : undefined }),
    });
  },
});

export { expect };
