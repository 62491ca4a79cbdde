import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { mailItems, users } from "~/db/schema";
import en from "~/i18n/messages/en/subscriptions.json" with { type: "json" };
import { seizureInput } from "~/tests/notices";
import { apiSignIn, expect, SAME_ORIGIN, test } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";

test.describe("daily digests", () => {
  test("a chief subscribed to a crossing gets the digest that an admin runs, shown in the admin mailbox", async ({ browser, db }) => {
    // kz.chief follows Irkeshtam with a daily digest, from the crossing's page.
    const chief = await (await browser.newContext()).newPage();
    await apiSignIn(chief.request, "kz.chief@example.org", PASSWORD);
    await chief.goto("/crossings/irkeshtam");
    const follow = chief.getByTestId("follow");
    const unfollow = follow.getByRole("button", { name: en.follow.unfollow });
    if (await unfollow.isVisible()) await unfollow.click();
    await follow.getByLabel(en.deliveryLabel).selectOption("daily");
    await follow.getByRole("button", { name: en.follow.follow }).click();
    await expect(follow).toContainText(en.follow.following.replace("{delivery}", en.delivery.daily));

    // kg.analyst posts a GREEN seizure there: title and summary may travel by email.
    const title = `Acetic anhydride in a reefer truck ${randomUUID().slice(0, 8)}`;
    const analyst = await (await browser.newContext()).newPage();
    await apiSignIn(analyst.request, "kg.analyst@example.org", PASSWORD);
    const created = await analyst.request.post("/api/trpc/notices.create", {
      data: { json: { idempotencyKey: randomUUID(), asDraft: false, notice: seizureInput({ title, crossingId: "irkeshtam", tlp: "green" }) } },
      headers: SAME_ORIGIN,
    });
    expect(created.status()).toBe(200);
    const noticeId = ((await created.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;

    // The fan-out runs in the background; the digest is run once it has reached the chief.
    const [chiefRow] = await db.select({ id: users.id }).from(users).where(eq(users.email, "kz.chief@example.org"));
    await expect
      .poll(async () => db.$count(mailItems, and(eq(mailItems.userId, chiefRow!.id), eq(mailItems.noticeId, noticeId), eq(mailItems.delivery, "daily"))), {
        timeout: 15_000,
      })
      .toBe(1);

    const admin = await (await browser.newContext()).newPage();
    await apiSignIn(admin.request, "admin@example.org", PASSWORD);
    await admin.goto("/admin/mail");
    await admin.getByRole("button", { name: en.admin.run }).click();
    await expect(admin.getByTestId("digests-queued")).toBeVisible();

    const digest = admin.getByTestId("mailbox").getByRole("row").filter({ hasText: "kz.chief@example.org" }).filter({ hasText: "Your daily digest" });
    await expect
      .poll(
        async () => {
          await admin.reload();
          return digest.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await digest.getByRole("link").click();
    await expect(admin.getByTestId("mail-text")).toContainText(title);
    await expect(admin.getByTestId("mail-text")).toContainText(`/notices/${noticeId}`);
  });
});
