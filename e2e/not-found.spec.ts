import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { notices } from "~/db/schema";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { apiSignIn, expect, test } from "./support/fixtures";

// Next's production build draws a page's notFound() only with scripts; the app server answers it
// again as an unmatched address, which Next renders in HTML (server/http/error-documents.ts).
test.use({ javaScriptEnabled: false });

test("without JavaScript, a notice the reader may not read, a missing one and a page of another role are the same 404 page, in HTML", async ({
  browser,
  db,
}) => {
  // The demo's Kyrgyz arrest, released to Kazakh customs only: hidden from tj.chief.
  const [arrest] = await db.select({ id: notices.id }).from(notices).where(eq(notices.title, "Бишкек: задержан директор ТОО «Хан-Тенгри Логистикс»"));
  const context = await browser.newContext({ javaScriptEnabled: false });
  await apiSignIn(context.request, "tj.chief@example.org", DEMO_PASSWORD);
  const page = await context.newPage();
  const bodies: string[] = [];
  for (const path of [`/notices/${arrest!.id}`, `/notices/${randomUUID()}`, "/moderation"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "404" })).toBeVisible();
    await expect(page.getByText("This page does not exist, or you do not have access to it.")).toBeVisible();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    bodies.push(await page.locator("body").innerText());
  }
  expect(new Set(bodies).size).toBe(1);
  await context.close();
});
