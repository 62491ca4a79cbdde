import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import * as schema from "~/db/schema";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import errors from "~/i18n/messages/en/errors.json" with { type: "json" };
import form from "~/i18n/messages/en/noticeForm.json" with { type: "json" };
import offline from "~/i18n/messages/en/offline.json" with { type: "json" };
import { seizureInput } from "~/tests/notices";
import { apiSignIn, expect, test, trpcMutate, type Db } from "./support/fixtures";

/** Waits until the app's service worker controls the page (it installs once the page is idle). */
async function serviceWorkerInControl(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, null, {
    timeout: 15_000,
  });
}

/** Whether the service worker's caches hold a copy of `path`. */
const kept = (page: Page, path: string) =>
  page.evaluate(async (address) => {
    for (const name of await caches.keys()) if (await (await caches.open(name)).match(address, { ignoreVary: true })) return true;
    return false;
  }, path);

async function fillSeizure(page: Page, title: string) {
  await page.getByLabel(form.common.noticeTitle, { exact: true }).fill(title);
  await page.getByLabel(form.common.date).fill("2026-11-20");
  await page.getByLabel(form.place.crossing).selectOption("torugart");
  await page.getByLabel(form.seizure.substance, { exact: true }).selectOption("acetic-anhydride");
  await page.getByLabel(form.seizure.quantity, { exact: true }).fill("2.8");
  await page.getByLabel(form.seizure.unit, { exact: true }).selectOption("t");
  await page.locator('input[name="notice.tlp"][value="green"]').check();
  await page.locator('input[name="notice.sourceReliability"][value="B"]').check();
  await page.locator('input[name="notice.infoCredibility"][value="2"]').check();
}

/** The link drops for whatever sends a notice: the form's post (a server action) and the outbox's tRPC call. */
async function linkDown(page: Page) {
  await page.route("**/api/trpc/notices.create**", (route) => route.abort("connectionreset"));
  await page.route("**/notices/new**", (route) => (route.request().method() === "POST" ? route.abort("connectionreset") : route.continue()));
}

async function linkUp(page: Page) {
  await page.unroute("**/api/trpc/notices.create**");
  await page.unroute("**/notices/new**");
}

const noticesTitled = (db: Db, title: string) => db.$count(schema.notices, eq(schema.notices.title, title));

/** Signs in, lets the service worker take over, opens the seizure form (so that it and the outbox are kept) and fills it. */
async function formFilledOnline(page: Page, title: string) {
  await page.goto("/outbox");
  await serviceWorkerInControl(page);
  await page.goto("/notices/new?kind=seizure");
  // The worker keeps the form (a page load) and, asked by the page, the outbox page.
  await expect.poll(() => kept(page, "/outbox"), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => kept(page, "/notices/new?kind=seizure"), { timeout: 15_000 }).toBe(true);
  await fillSeizure(page, title);
}

test.describe("the offline outbox (issue 14)", () => {
  // The service worker installs once the page is idle, which takes its time on a busy machine.
  test.describe.configure({ timeout: 60_000 });

  test("a notice posted while offline waits in the outbox, survives a reload, and is sent once when the browser is back online", async ({
    page,
    context,
    users,
    db,
  }) => {
    const author = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    await apiSignIn(page.request, author.email, DEMO_PASSWORD);
    const title = `Posted from Torugart without a link ${randomUUID().slice(0, 8)}`;
    await formFilledOnline(page, title);

    await context.setOffline(true);
    await page.getByRole("button", { name: form.actions.publish, exact: true }).click();
    await expect(page).toHaveURL(/\/outbox$/);
    await expect(page.getByTestId("outbox-status")).toHaveText("1 waiting to send");
    await expect(page.getByTestId("outbox-item")).toContainText(title);

    // Still offline: the page comes from the service worker's copy, and the outbox from IndexedDB.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect(page.getByTestId("outbox-status")).toHaveText("1 waiting to send");
    await expect(page.getByTestId("outbox-item")).toContainText(title);
    // A page the device may not keep (the feed shows notices) gets the offline page instead.
    const other = await context.newPage();
    await other.goto("/feed");
    await expect(other.getByRole("heading", { level: 1 })).toHaveText(offline.page.title);
    // A second tab, which will try to send the same notice at the same moment.
    await other.goto("/outbox");
    await expect(other.getByTestId("outbox-item")).toContainText(title);
    expect(await noticesTitled(db, title)).toBe(0);

    await context.setOffline(false);
    for (const tab of [page, other]) {
      await expect(tab.getByText(offline.client.empty)).toBeVisible({ timeout: 15_000 });
      await expect(tab.getByTestId("outbox-status")).toHaveCount(0);
    }
    expect(await noticesTitled(db, title)).toBe(1);
    const [notice] = await db.select().from(schema.notices).where(eq(schema.notices.title, title));
    expect(notice?.authorId).toBe(author.id);
    expect(notice?.status).not.toBe("draft");
    await other.close();
  });

  test("a submission that gets no answer while the browser still thinks itself online is queued too, and becomes one notice", async ({ page, users, db }) => {
    const author = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    await apiSignIn(page.request, author.email, DEMO_PASSWORD);
    const title = `The link dropped mid-post ${randomUUID().slice(0, 8)}`;
    await page.goto("/notices/new?kind=seizure");
    await fillSeizure(page, title);
    await linkDown(page);
    const publish = page.getByRole("button", { name: form.actions.publish, exact: true });
    await publish.click();
    await expect(page.locator("[data-form-error]")).toHaveText(errors.network);
    await expect(page.getByTestId("outbox-status")).toHaveText("1 waiting to send");
    // The author presses again, still without an answer: the same key, still one waiting.
    await publish.click();
    await expect(page.getByTestId("outbox-status")).toHaveText("1 waiting to send");

    await linkUp(page);
    // A page load sends what waits.
    await page.goto("/outbox");
    await expect(page.getByText(offline.client.empty)).toBeVisible({ timeout: 15_000 });
    expect(await noticesTitled(db, title)).toBe(1);
  });
});

test.describe("the offline outbox: the light feed and refusals", () => {
  test.describe.configure({ timeout: 60_000 });

  test("the light feed, which has no tRPC client, shows what waits and sends it, without a script error", async ({ page, users, db }) => {
    const author = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    await apiSignIn(page.request, author.email, DEMO_PASSWORD);
    const errors: Error[] = [];
    page.on("pageerror", (error) => errors.push(error));
    await page.goto("/feed");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    const title = `Waiting on the feed ${randomUUID().slice(0, 8)}`;
    await page.goto("/notices/new?kind=seizure");
    await fillSeizure(page, title);
    await linkDown(page);
    await page.getByRole("button", { name: form.actions.publish, exact: true }).click();
    await expect(page.getByTestId("outbox-status")).toHaveText("1 waiting to send");

    await page.goto("/feed");
    await expect(page.getByTestId("outbox-status")).toHaveText("1 waiting to send");
    await linkUp(page);
    // A page load sends what waits (the count shows nothing until the page is idle: wait for the notice).
    await page.reload();
    await expect.poll(() => noticesTitled(db, title), { timeout: 15_000 }).toBe(1);
    await expect(page.getByTestId("outbox-status")).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a notice the server refuses stays in the outbox with the reason, is not sent again by itself, and goes out on "Send now"', async ({
    page,
    context,
    users,
    db,
  }) => {
    const author = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    await apiSignIn(page.request, author.email, DEMO_PASSWORD);
    const title = `Refused at first ${randomUUID().slice(0, 8)}`;
    await formFilledOnline(page, title);
    await context.setOffline(true);
    await page.getByRole("button", { name: form.actions.publish, exact: true }).click();
    await expect(page.getByTestId("outbox-item")).toContainText(title);
    const [key] = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open("tianshan-outbox");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const keys = open.result.transaction("items").objectStore("items").getAllKeys();
            keys.onsuccess = () => {
              open.result.close();
              resolve(keys.result as string[]);
            };
            keys.onerror = () => reject(keys.error);
          };
        }),
    );
    // Meanwhile the form's key went out with other content (from another tab, say): the server refuses this one.
    await trpcMutate(page.request, "notices.create", {
      idempotencyKey: key,
      asDraft: false,
      notice: seizureInput({ title: `Other content ${randomUUID().slice(0, 8)}` }),
    });

    await context.setOffline(false);
    await expect(page.getByTestId("outbox-error")).toHaveText(offline.client.refused.replace("{reason}", errors.idempotencyKeyReused), { timeout: 15_000 });
    await expect(page.getByTestId("outbox-status")).toHaveText("1 waiting to send");
    // A page load sends what waits, but not what the server refused.
    await page.reload();
    await expect(page.getByTestId("outbox-error")).toBeVisible();
    expect(await noticesTitled(db, title)).toBe(0);

    await page.getByRole("button", { name: offline.client.sendNow }).click();
    await expect(page.getByText(offline.client.empty)).toBeVisible();
    expect(await noticesTitled(db, title)).toBe(1);
  });
});

test.describe("the offline outbox: signing out, and what is kept offline", () => {
  test.describe.configure({ timeout: 60_000 });

  test("signing out with a notice waiting warns, and once confirmed clears the outbox and the kept pages", async ({ page, context, users, db }) => {
    const author = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    await apiSignIn(page.request, author.email, DEMO_PASSWORD);
    const title = `Never to be sent ${randomUUID().slice(0, 8)}`;
    await formFilledOnline(page, title);
    await context.setOffline(true);
    await page.getByRole("button", { name: form.actions.publish, exact: true }).click();
    await expect(page.getByTestId("outbox-item")).toContainText(title);
    // Back online, but the server stays out of reach for this notice: it keeps waiting.
    await page.route("**/api/trpc/notices.create**", (route) => route.abort("internetdisconnected"));
    await context.setOffline(false);
    await expect(page.getByTestId("outbox-error")).toBeVisible({ timeout: 15_000 });

    const warnings: string[] = [];
    let answer = false;
    page.on("dialog", (dialog) => {
      warnings.push(dialog.message());
      void (answer ? dialog.accept() : dialog.dismiss());
    });
    await page.getByTestId("current-user").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]).toBe("One notice has not been sent yet: signing out deletes it from this device. Sign out anyway?");
    // Declined: still signed in, the notice still waiting.
    await expect(page).toHaveURL(/\/outbox$/);
    await expect(page.getByTestId("outbox-item")).toContainText(title);

    answer = true;
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    expect(warnings).toHaveLength(2);
    expect(await page.evaluate(() => caches.keys())).toEqual([]);

    await page.unroute("**/api/trpc/notices.create**");
    await apiSignIn(page.request, author.email, DEMO_PASSWORD);
    await page.goto("/outbox");
    await expect(page.getByText(offline.client.empty)).toBeVisible();
    await expect(page.getByTestId("outbox-status")).toHaveCount(0);
    expect(await noticesTitled(db, title)).toBe(0);
  });

  test("a page showing an AMBER notice is never stored (no-store), while reference pages are kept for offline reading", async ({ page, users }) => {
    const author = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    await apiSignIn(page.request, author.email, DEMO_PASSWORD);
    const { id } = (await trpcMutate(page.request, "notices.create", {
      idempotencyKey: randomUUID(),
      asDraft: false,
      notice: seizureInput({ title: `Amber seizure ${randomUUID().slice(0, 8)}`, tlp: "amber", releaseCountryCodes: ["KZ"] }),
    })) as { id: string };

    await page.goto("/substances");
    await serviceWorkerInControl(page);
    const notice = await page.goto(`/notices/${id}`);
    expect(notice?.headers()["cache-control"]).toBe("no-store");
    const substances = await page.goto("/substances");
    expect(substances?.headers()["cache-control"]).toBe("private, no-cache");
    await expect.poll(() => kept(page, "/substances"), { timeout: 15_000 }).toBe(true);
    expect(await kept(page, `/notices/${id}`)).toBe(false);
  });

  test("substances with their CAS and HS codes, crossings and criminal provisions stay readable offline", async ({ page, context, users }) => {
    const officer = await users.create({ role: "analyst", agencyId: "kg-customs" });
    await apiSignIn(page.request, officer.email, DEMO_PASSWORD);
    await page.goto("/substances");
    await serviceWorkerInControl(page);
    for (const path of ["/substances", "/crossings", "/provisions"]) await page.goto(path);

    await context.setOffline(true);
    expect((await page.goto("/substances"))?.fromServiceWorker()).toBe(true);
    await expect(page.getByTestId("substance-acetic-anhydride")).toContainText("108-24-7");
    await expect(page.getByTestId("substance-acetic-anhydride")).toContainText("2915.24");
    await page.goto("/crossings");
    await expect(page.getByTestId("crossing-torugart")).toBeVisible();
    await page.goto("/provisions");
    await expect(page.getByTestId("provision-cn-cl-350")).toContainText(offline.provisions.inForce);
  });
});
