import { randomUUID } from "node:crypto";
import { arrestInput } from "~/tests/notices";
import { apiSignIn, expect, test, trpcMutate as mutate } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";

test.describe("moderation of a reported notice", () => {
  test("a member reports a name; the coordinator redacts it from the queue; the reporter no longer sees it", async ({ browser, users }) => {
    // A name no demo notice contains, so that its absence proves the redaction.
    const name = `Zhanibek Testov${Date.now().toString(36)}`;
    const title = `Courier detained at Torugart ${randomUUID().slice(0, 8)}`;
    const author = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const reporter = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });

    const authorContext = await browser.newContext();
    await apiSignIn(authorContext.request, author.email, PASSWORD);
    const created = (await mutate(authorContext.request, "notices.create", {
      idempotencyKey: randomUUID(),
      asDraft: false,
      notice: arrestInput({
        title,
        narrative: `${name} was detained with acetic anhydride.`,
        persons: [{ names: { latin: name }, nationalityCode: "KZ", birthYear: 1985, role: "courier" }],
      }),
    })) as { id: string };
    const url = `/notices/${created.id}`;

    const reporterPage = await (await browser.newContext()).newPage();
    await apiSignIn(reporterPage.request, reporter.email, PASSWORD);
    await reporterPage.goto(url);
    await expect(reporterPage.getByTestId("notice")).toContainText(name);
    await reporterPage.getByRole("button", { name: "Report to coordinators" }).click();
    await reporterPage.getByLabel("Why").selectOption("personal_data");
    await reporterPage.getByLabel("Details (optional)").fill("The courier's name should not be shared.");
    await reporterPage.getByRole("button", { name: "Send report" }).click();
    await expect(reporterPage.getByTestId("report-sent")).toBeVisible();

    const coordinator = await (await browser.newContext()).newPage();
    await apiSignIn(coordinator.request, "unodc.coordinator@example.org", PASSWORD);
    await coordinator.goto("/moderation");
    const item = coordinator.getByTestId("queue-item").filter({ hasText: title });
    await expect(item).toBeVisible();
    await item.getByRole("link", { name: title }).click();
    await expect(coordinator.getByTestId("report")).toContainText("The courier's name should not be shared.");
    await coordinator.getByLabel("What to redact").selectOption({ label: `Person: ${name}` });
    await coordinator.getByLabel("Reason", { exact: true }).fill("Protects a person not yet charged");
    await coordinator.getByRole("button", { name: "Redact", exact: true }).click();
    await expect(coordinator.getByTestId("decision-done")).toBeVisible();
    await expect(coordinator.getByTestId("review-persons")).not.toContainText(name);

    await reporterPage.goto(url);
    await expect(reporterPage.getByTestId("notice")).not.toContainText(name);
    await expect(reporterPage.getByTestId("notice")).toContainText("[redacted]");
    await reporterPage.goto(`/search?q=${encodeURIComponent(name)}`);
    await expect(reporterPage.getByText(title)).toHaveCount(0);
  });
});
