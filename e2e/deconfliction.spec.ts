import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext } from "@playwright/test";
import { companyInput, seizureInput } from "~/tests/notices";
import { apiSignIn, expect, test, trpcMutate, type TestUsers } from "./support/fixtures";

// Issue 19, deconfliction, in the browser: an author marks an AMBER+STRICT company alert "allow
// deconfliction" in the edit form; an analyst of another agency, whose own seizure names the same
// company, is told on their notice that another agency holds information on it (nothing else) and
// requests it; the holder releases it from the deconfliction page; the requester reads it. And the
// request form without JavaScript.

const HINT = "Another agency holds information on this company — request it.";

async function signedIn(browser: Browser, user: { email: string; password: string | null }, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  await apiSignIn(context.request, user.email, user.password!);
  return context;
}

/** A holder's alert and a requester's seizure naming one company of their own, through the API. */
async function story(browser: Browser, users: TestUsers, askerScripted = true) {
  const company = `Deconfliction Front ${randomUUID().slice(0, 8)} LLP`;
  const title = `Alert on ${company}`;
  const author = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
  const asker = await users.create({ role: "analyst", agencyId: "tj-customs" });
  const holder = await signedIn(browser, author);
  const alert = (await trpcMutate(holder.request, "notices.create", {
    idempotencyKey: randomUUID(),
    asDraft: false,
    notice: companyInput({ title, tlp: "amber_strict", releaseAgencyIds: ["kz-sgd-customs"], names: [{ script: "latin", name: company }] }),
  })) as { id: string; status: string };
  expect(alert.status).toBe("published");
  const requester = await signedIn(browser, asker, askerScripted);
  const own = (await trpcMutate(requester.request, "notices.create", {
    idempotencyKey: randomUUID(),
    asDraft: false,
    notice: seizureInput({ title: `Seizure for ${company}`, tlp: "green", consignee: company }),
  })) as { id: string };
  return { company, title, alert: alert.id, own: own.id, holder, asker: requester };
}

async function markAllowDeconfliction(holder: BrowserContext, id: string) {
  const page = await holder.newPage();
  await page.goto(`/notices/${id}/edit`);
  await page.getByLabel("Allow deconfliction").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(new RegExp(`/notices/${id}(\\?|$)`));
  await page.close();
}

test("an author marks a notice, another agency's analyst requests it, the holder releases it, the requester reads it", async ({ browser, users }) => {
  test.setTimeout(120_000);
  const s = await story(browser, users);
  const asker = await s.asker.newPage();
  await asker.goto(`/notices/${s.own}`);
  // Before the mark: nothing at all.
  await expect(asker.getByTestId("notice")).toBeVisible();
  await expect(asker.getByTestId("deconfliction-hints")).toHaveCount(0);

  await markAllowDeconfliction(s.holder, s.alert);

  await asker.reload();
  const hint = asker.getByTestId("deconfliction-hint");
  await expect(hint).toContainText(HINT);
  await expect(asker.getByTestId("notice")).not.toContainText(s.title);
  await expect(asker.getByTestId("notice")).not.toContainText("KG");
  await hint.getByLabel("Message to the holding agency (optional)").fill("Our consignee too — may we compare?");
  await hint.getByRole("button", { name: "Request it" }).click();
  await expect(asker.getByText("Request sent. You will be told of the answer, in the app and by email.")).toBeVisible();
  await expect(asker.getByText("Your agency has asked for it. You will be told of the answer.")).toBeVisible();

  // The holder hears of it in the app, and the notification leads to the page where it is answered.
  const holder = await s.holder.newPage();
  await holder.goto("/notifications");
  const told = holder.getByTestId("notification").filter({ hasText: s.title }).filter({ hasText: "Another agency asks for this notice" });
  await told.getByRole("link", { name: "Open Deconfliction" }).click();
  await holder.waitForURL(/\/deconfliction$/);
  const request = holder.getByTestId("deconfliction-request").filter({ hasText: s.title });
  await expect(request).toContainText("Our consignee too — may we compare?");
  await request.getByRole("button", { name: "Release to their agency" }).click();
  await expect(holder.getByText("The notice is released to the requesting agency.")).toBeVisible();
  await expect(holder.getByTestId("deconfliction-exchange")).toContainText("Released a notice to the requesting agency (deconfliction)");

  await asker.goto("/deconfliction");
  const ours = asker.getByTestId("deconfliction-our-request").filter({ hasText: s.company });
  await expect(ours).toContainText("Released to your agency:");
  await expect(asker.getByTestId("deconfliction-exchange")).toContainText("Asked another agency for a notice (deconfliction)");
  await ours.getByRole("link", { name: s.title }).click();
  await expect(asker.getByRole("heading", { level: 1, name: s.title })).toBeVisible();
  await asker.goto("/notifications");
  await expect(asker.getByTestId("notification").first()).toContainText("Your deconfliction request: this notice was released to your agency");
  await Promise.all([s.holder.close(), s.asker.close()]);
});

test("without JavaScript, the request is a plain form, and sending it again is the same request", async ({ browser, users }) => {
  test.setTimeout(120_000);
  const s = await story(browser, users, false);
  await markAllowDeconfliction(s.holder, s.alert);
  // Two tabs show the form; the second post is a resend of the first.
  const [first, second] = [await s.asker.newPage(), await s.asker.newPage()];
  for (const page of [first, second]) {
    await page.goto(`/notices/${s.own}`);
    await expect(page.getByTestId("deconfliction-hint")).toContainText(HINT);
  }
  for (const page of [first, second]) {
    await page.getByTestId("deconfliction-hint").getByRole("button", { name: "Request it" }).click();
    await expect(page.getByText("Request sent. You will be told of the answer, in the app and by email.")).toBeVisible();
  }
  const holder = await s.holder.newPage();
  await holder.goto("/deconfliction");
  await expect(holder.getByTestId("deconfliction-request").filter({ hasText: s.title })).toHaveCount(1);
  await Promise.all([s.holder.close(), s.asker.close()]);
});
