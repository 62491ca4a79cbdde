import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { seizureInput } from "~/tests/notices";
import { apiSignIn, expect, SAME_ORIGIN, test } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";

/** A tRPC mutation over HTTP, as the browser's client sends it (superjson envelope). */
async function mutate(request: APIRequestContext, path: string, input: unknown) {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input }, headers: SAME_ORIGIN });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: Record<string, unknown> } } }).result.data.json;
}

test.describe("new notices on an open page", () => {
  test("the feed shows 'new notices — show' for a matching notice it may read, and nothing for one it may not", async ({ browser }) => {
    const chief = await (await browser.newContext()).newPage();
    await apiSignIn(chief.request, "kz.chief@example.org", PASSWORD);
    await chief.goto("/feed?crossing=kulma");
    await expect(chief.getByRole("heading", { level: 1 })).toHaveText("Feed");
    // Set on this document only: a reload or a navigation would lose it.
    await chief.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    const banner = chief.getByTestId("new-notices");

    const analyst = await (await browser.newContext()).newPage();
    await apiSignIn(analyst.request, "kg.analyst@example.org", PASSWORD);
    const post = (over: Parameters<typeof seizureInput>[0]) =>
      mutate(analyst.request, "notices.create", { idempotencyKey: randomUUID(), asDraft: false, notice: seizureInput({ crossingId: "kulma", ...over }) });

    // AMBER released to Tajikistan alone: the Kazakh chief may not read it, and hears nothing of it.
    const hidden = await post({ title: `Hidden ${randomUUID().slice(0, 8)}`, tlp: "amber", releaseCountryCodes: ["TJ"] });
    expect(hidden.status).toBe("published");
    // Elsewhere: readable, but not what this page shows.
    await post({ title: `Elsewhere ${randomUUID().slice(0, 8)}`, crossingId: "torugart", tlp: "green" });
    await chief.waitForTimeout(2_000);
    await expect(banner).toHaveText("");

    const title = `Readable ${randomUUID().slice(0, 8)}`;
    await post({ title, tlp: "green" });
    await expect(banner).toHaveText("1 new notice — show", { timeout: 10_000 });
    expect(await chief.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    await banner.getByRole("link", { name: "show" }).click();
    await expect(chief.getByTestId("notice-line").first()).toContainText(title);
    await expect(banner).toHaveText("");
    await expect(chief.getByTestId("notice-table")).not.toContainText("Hidden");
  });

  test("a notification names the subscription that matched", async ({ browser }) => {
    const chief = await (await browser.newContext()).newPage();
    await apiSignIn(chief.request, "tj.chief@example.org", PASSWORD);
    await mutate(chief.request, "subscriptions.create", { filter: { crossingIds: ["karkara"], substanceIds: ["acetic-anhydride"] }, delivery: "in_app" });
    await chief.goto("/notifications");
    await expect(chief.getByRole("heading", { level: 1 })).toHaveText("Notifications");
    const analyst = await (await browser.newContext()).newPage();
    await apiSignIn(analyst.request, "kg.analyst@example.org", PASSWORD);
    const title = `Matched ${randomUUID().slice(0, 8)}`;
    await mutate(analyst.request, "notices.create", {
      idempotencyKey: randomUUID(),
      asDraft: false,
      notice: seizureInput({ title, crossingId: "karkara", tlp: "green" }),
    });

    const item = chief.getByTestId("notification").filter({ hasText: title });
    await expect(item).toBeVisible({ timeout: 10_000 });
    await expect(item.getByTestId("notification-matched")).toHaveText(/^Karkara.* · Acetic anhydride \(your subscription\)$/);
  });
});

test("a notice's history shows each edit as before → after", async ({ browser }) => {
  const analyst = await (await browser.newContext({ locale: "en-GB" })).newPage();
  await apiSignIn(analyst.request, "kg.analyst@example.org", PASSWORD);
  const notice = seizureInput({ title: `Two tonnes at Kulma ${randomUUID().slice(0, 8)}`, crossingId: "kulma", tlp: "green" });
  const { id } = (await mutate(analyst.request, "notices.create", { idempotencyKey: randomUUID(), asDraft: false, notice })) as { id: string };
  await mutate(analyst.request, "notices.update", {
    id,
    version: 1,
    notice: { ...notice, title: notice.title.replace("Two", "Three"), crossingId: "karkara" },
  });

  await analyst.goto(`/notices/${id}/history`);
  const diff = analyst.getByTestId("version-diff");
  await expect(diff).toHaveCount(1);
  const title = diff.locator("section").filter({ has: analyst.locator("h3", { hasText: /^(Title|Заголовок|Название)$/ }) });
  await expect(title.locator("[data-diff=before] del")).toHaveText("Two ");
  await expect(title.locator("[data-diff=after] ins")).toHaveText("Three ");
  await expect(diff.locator("section")).toHaveCount(2);
});

test("a colleague of the author reads the history, with an edit out of a RED version said to be the author's alone", async ({ browser, users }) => {
  const author = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon", locale: "en" });
  const colleague = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon", locale: "en" });
  const authorPage = await (await browser.newContext()).newPage();
  await apiSignIn(authorPage.request, author.email, PASSWORD);
  const title = `Courier at Irkeshtam ${randomUUID().slice(0, 8)}`;
  // RED to the colleague alone, then widened to AMBER for Kyrgyzstan: the RED wording stays the author's.
  const red = seizureInput({ title, crossingId: "irkeshtam", tlp: "red", recipientIds: [colleague.id] });
  const { id } = (await mutate(authorPage.request, "notices.create", { idempotencyKey: randomUUID(), asDraft: false, notice: red })) as { id: string };
  await mutate(authorPage.request, "notices.update", { id, version: 1, notice: { ...red, tlp: "amber", recipientIds: [], releaseCountryCodes: ["KG"] } });

  const colleaguePage = await (await browser.newContext()).newPage();
  await apiSignIn(colleaguePage.request, colleague.email, PASSWORD);
  const page = await colleaguePage.goto(`/notices/${id}/history`);
  expect(page?.status()).toBe(200);
  await expect(colleaguePage.getByTestId("history-edits")).toContainText("The wording on either side of this edit is its author’s alone.");
  await expect(colleaguePage.getByTestId("version-diff")).toHaveCount(0);

  await authorPage.goto(`/notices/${id}/history`);
  await expect(authorPage.getByTestId("version-diff")).toHaveCount(1);
});
