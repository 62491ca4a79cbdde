import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Browser } from "@playwright/test";
import { mailItems } from "~/db/schema";
import en from "~/i18n/messages/en/subscriptions.json" with { type: "json" };
import { seizureInput } from "~/tests/notices";
import { apiSignIn, expect, SAME_ORIGIN, test, type Db, type TestUsers } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";

/**
 * A new Kazakh customs chief follows Irkeshtam with a daily digest, from the crossing's page, and
 * kg.analyst posts a seizure there. A new chief, so that the digest holds that notice alone.
 */
async function digestOf(browser: Browser, db: Db, users: TestUsers, notice: Partial<Parameters<typeof seizureInput>[0]>) {
  const chiefUser = await users.create({ role: "chief", agencyId: "kz-sgd-customs" });
  const chief = await (await browser.newContext()).newPage();
  await apiSignIn(chief.request, chiefUser.email, PASSWORD);
  await chief.goto("/crossings/irkeshtam");
  const follow = chief.getByTestId("follow");
  await follow.getByLabel(en.deliveryLabel).selectOption("daily");
  await follow.getByRole("button", { name: en.follow.follow }).click();
  await expect(follow).toContainText(en.follow.following.replace("{delivery}", en.delivery.daily));

  const title = `Acetic anhydride in a reefer truck ${randomUUID().slice(0, 8)}`;
  const analyst = await (await browser.newContext()).newPage();
  await apiSignIn(analyst.request, "kg.analyst@example.org", PASSWORD);
  const created = await analyst.request.post("/api/trpc/notices.create", {
    data: { json: { idempotencyKey: randomUUID(), asDraft: false, notice: seizureInput({ title, crossingId: "irkeshtam", ...notice }) } },
    headers: SAME_ORIGIN,
  });
  expect(created.status()).toBe(200);
  const noticeId = ((await created.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;

  // The fan-out runs in the background; the digest is run once it has reached the chief.
  await expect
    .poll(async () => db.$count(mailItems, and(eq(mailItems.userId, chiefUser.id), eq(mailItems.noticeId, noticeId), eq(mailItems.delivery, "daily"))), {
      timeout: 15_000,
    })
    .toBe(1);

  const admin = await (await browser.newContext()).newPage();
  await apiSignIn(admin.request, "admin@example.org", PASSWORD);
  await admin.goto("/admin/mail");
  await admin.getByRole("button", { name: en.admin.run }).click();
  await expect(admin.getByTestId("digests-queued")).toBeVisible();
  const row = admin.getByTestId("mailbox").getByRole("row").filter({ hasText: chiefUser.email });
  await expect
    .poll(
      async () => {
        await admin.reload();
        return row.count();
      },
      { timeout: 15_000 },
    )
    .toBe(1);
  return { admin, row, title, noticeId };
}

test.describe("daily digests", () => {
  test("a chief subscribed to a crossing gets the digest that an admin runs, shown in the admin mailbox", async ({ browser, db, users }) => {
    // GREEN: title and summary may travel by email, and the admin may read the notice.
    const { admin, row, title, noticeId } = await digestOf(browser, db, users, { tlp: "green" });
    const digest = row.filter({ hasText: "Your daily digest" });
    await expect(digest).toHaveCount(1);
    await digest.getByRole("link").click();
    await expect(admin.getByTestId("mail-text")).toContainText(title);
    await expect(admin.getByTestId("mail-text")).toContainText(`/notices/${noticeId}`);
  });

  test("the admin sees only the envelope of a digest about a notice they may not read", async ({ browser, db, users }) => {
    // Released to Kazakh customs alone: not to UNODC's administrators.
    const { admin, row, noticeId } = await digestOf(browser, db, users, { tlp: "amber_strict", releaseAgencyIds: ["kz-sgd-customs"] });
    await expect(row).toContainText(en.admin.withheldSubject);
    await expect(row).not.toContainText("Your daily digest");
    await row.getByRole("link").click();
    await expect(admin.getByTestId("mail-withheld")).toHaveText(en.admin.withheldMessage);
    await expect(admin.getByTestId("mail-text")).toHaveCount(0);
    await expect(admin.locator("body")).not.toContainText(noticeId);
  });
});
