import { randomUUID } from "node:crypto";

import { DEMO_PASSWORD } from "~/db/seed/factories";
import { companyInput, seizureInput } from "~/tests/notices";
import { apiSignIn, expect, test } from "./support/fixtures";
import { expectAccessible } from "./support/axe";
import { marker, optionsOf, post, postedBy } from "./support/pickers";

// The notice picker: linking notices and naming a merge's duplicate, offering only what the user may read.

test.describe("the notice picker", () => {
  test("links two notices by typing part of a title and choosing with the keyboard", async ({ page, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    await apiSignIn(page.request, analyst.email, DEMO_PASSWORD);
    const word = marker();
    const here = await post(page.request, seizureInput({ title: `Acetic anhydride at Torugart ${word}` }));
    const otherTitle = `Permanganate in a truck ${word}`;
    await post(page.request, seizureInput({ title: otherTitle }));

    await page.goto(`/notices/${here}`);
    const picker = page.getByRole("combobox", { name: "Notice to link" });
    // The start of the word: both notices carry it, and the notice itself is no choice.
    await picker.pressSequentially(word.slice(0, 9));
    await expect(optionsOf(page, "Notice to link")).toHaveCount(1);
    const option = optionsOf(page, "Notice to link").first();
    await expect(option).toContainText(otherTitle);
    await picker.press("ArrowDown");
    await expect(option).toHaveAttribute("aria-selected", "true");
    await expectAccessible(page, "the open picker");
    await picker.press("Enter");
    await expect(picker).toHaveValue(otherTitle);
    await expect(picker).toHaveAttribute("aria-expanded", "false");

    await page.getByRole("button", { name: "Link", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/notices/${here}$`));
    await expect(page.getByRole("link", { name: otherTitle })).toBeVisible();

    // An address pasted as it was sent, and Enter, link as well: nothing needs choosing.
    const thirdTitle = `Third report ${word}`;
    const third = await post(page.request, seizureInput({ title: thirdTitle }));
    await picker.fill(`http://example.org/notices/${third}`);
    await expect(optionsOf(page, "Notice to link")).toHaveText([new RegExp(thirdTitle)]);
    await picker.press("Enter");
    await expect(page.getByRole("link", { name: thirdTitle })).toBeVisible();
  });

  test("never offers a notice hidden from the user (RED, AMBER+STRICT, not yet released), by its title or by its id", async ({ browser, page, users }) => {
    const word = marker();
    const author = await users.create({ role: "analyst", agencyId: "kz-border-service" });
    const recipient = await users.create({ role: "analyst", agencyId: "kz-border-service" });
    const [red, strict] = await postedBy(browser, author.email, [
      seizureInput({ title: `Hidden red seizure ${word}`, tlp: "red", recipientIds: [recipient.id] }),
      seizureInput({ title: `Hidden strict seizure ${word}`, tlp: "amber_strict", releaseAgencyIds: ["kz-knb"] }),
      seizureInput({ title: `Open seizure ${word}` }),
    ]);

    // Kazakhstan's customs releases its analysts' notices through a chief: until then only they see it.
    const waiting = await users.create({ role: "analyst", agencyId: "kz-sgd-customs" });
    const [unreleased] = await postedBy(browser, waiting.email, [seizureInput({ title: `Hidden unreleased seizure ${word}` })]);

    const reader = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    await apiSignIn(page.request, reader.email, DEMO_PASSWORD);
    const own = await post(page.request, companyInput({ title: `The reader's own alert ${word}` }));
    await page.goto(`/notices/${own}`);
    const picker = page.getByRole("combobox", { name: "Notice to link" });
    await picker.pressSequentially(`seiz ${word}`);
    await expect(optionsOf(page, "Notice to link")).toHaveCount(1);
    await expect(optionsOf(page, "Notice to link").first()).toContainText(`Open seizure ${word}`);

    // Pasted, their ids find what an id of nothing finds.
    for (const id of [red!, strict!, unreleased!, randomUUID()]) {
      await picker.fill(id);
      await expect(page.getByText("Nothing matches.")).toBeVisible();
      await expect(optionsOf(page, "Notice to link")).toHaveCount(0);
    }
  });
});

test.describe("the notice picker in a merge", () => {
  test("a coordinator names a merge's duplicate by typing its title", async ({ browser, page, users }) => {
    const word = marker();
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    const duplicateTitle = `Duplicate report of the seizure ${word}`;
    const [survivor] = await postedBy(browser, analyst.email, [
      seizureInput({ title: `Seizure reported twice ${word}` }),
      seizureInput({ title: duplicateTitle }),
      // Of another kind: never a duplicate of a seizure.
      companyInput({ title: `Company of the seizure ${word}` }),
    ]);

    const coordinator = await users.create({ role: "coordinator", agencyId: "unodc-roca" });
    await apiSignIn(page.request, coordinator.email, DEMO_PASSWORD);
    await page.goto(`/moderation/${survivor}`);
    const picker = page.getByRole("combobox", { name: "Duplicate notice" });
    await picker.pressSequentially(`seizure ${word}`);
    await expect(optionsOf(page, "Duplicate notice")).toHaveCount(1);
    await expect(optionsOf(page, "Duplicate notice").first()).toContainText(duplicateTitle);
    await picker.press("ArrowDown");
    await picker.press("Enter");
    await expect(picker).toHaveValue(duplicateTitle);
    await page.getByLabel("Reason").fill("The same seizure, reported by the same post twice");
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    await expect(page.getByTestId("decision-done")).toHaveText("Merged.");
    // Merged away, it is no choice any more.
    await page.getByRole("combobox", { name: "Duplicate notice" }).pressSequentially(`seizure ${word}`);
    await expect(page.getByText("Nothing matches.")).toBeVisible();
  });
});
