import { randomUUID } from "node:crypto";
import type { Locator } from "@playwright/test";
import { apiSignIn, expect, test } from "./support/fixtures";

// The administration and profile forms as plain HTML forms: a post, a redirect after success, and
// on a refusal the page again with every typed value and the messages next to their fields.
test.use({ javaScriptEnabled: false });

/** The message shown next to a field, found the way a screen reader finds it: through aria-describedby. */
async function messageOf(field: Locator): Promise<Locator> {
  const ids = (await field.getAttribute("aria-describedby")) ?? "";
  return field.page().locator(
    ids
      .split(" ")
      .map((id) => `#${id}[data-field-error]`)
      .join(", "),
  );
}

test.describe("administration without JavaScript", () => {
  test("an admin invites a user: a refusal keeps what was typed, and the link is shown once", async ({ page, users }) => {
    const admin = await users.create({ role: "admin", agencyId: "unodc-roca" });
    await apiSignIn(page.request, admin.email, admin.password!);
    await page.goto("/admin/users");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Invite user" }) });
    await expect(form).toHaveAttribute("method", /^post$/i);

    await form.getByLabel("Email").fill("not-an-email");
    await form.getByLabel("Name").fill("Aigerim Invitee");
    await form.getByLabel("Agency").selectOption("kg-customs");
    await form.getByLabel("Role").selectOption("chief");
    await form.getByLabel("Duty station").selectOption("torugart");
    await form.getByRole("button", { name: "Invite user" }).click();

    await expect(await messageOf(form.getByLabel("Email"))).toHaveText("Enter a valid email address.");
    await expect(form.getByLabel("Email")).toHaveValue("not-an-email");
    await expect(form.getByLabel("Name")).toHaveValue("Aigerim Invitee");
    await expect(form.getByLabel("Agency")).toHaveValue("kg-customs");
    await expect(form.getByLabel("Role")).toHaveValue("chief");
    await expect(form.getByLabel("Duty station")).toHaveValue("torugart");
    await expect(page.getByLabel("Invitation link")).toHaveCount(0);

    const email = `nojs-invitee-${randomUUID().slice(0, 8)}@example.org`;
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Invite user" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${email} has been invited.` })).toBeVisible();
    const link = await page.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    // The secret travelled in the answer's body, never in an address.
    expect(page.url()).not.toContain(link.split("/invite/")[1]!);
    // The form is empty again for the next invitation.
    await expect(form.getByLabel("Email")).toHaveValue("");

    // Shown once: the page loaded again does not show it.
    await page.goto("/admin/users");
    await expect(page.getByLabel("Invitation link")).toHaveCount(0);
    await expect(page.getByTestId(`user-row-${email}`)).toContainText("Invited");
  });

  test("an admin adds an agency, after a refused identifier", async ({ page, users }) => {
    const admin = await users.create({ role: "admin", agencyId: "unodc-roca" });
    await apiSignIn(page.request, admin.email, admin.password!);
    await page.goto("/admin/agencies");
    const form = page.getByRole("form", { name: "Add an agency" });
    const id = `nojs-${randomUUID().slice(0, 8)}`;

    await form.getByLabel("Identifier").fill("Not An Id");
    await form.getByLabel("Seat country").selectOption("AT");
    await form.getByLabel("Short name").fill("NOJS");
    await form.getByLabel("Name in English").fill("No-Script Liaison Office");
    await form.getByLabel("Name in Russian").fill("Бюро связи без скриптов");
    await form.getByRole("button", { name: "Add agency" }).click();
    await expect(await messageOf(form.getByLabel("Identifier"))).toHaveText("Use lower-case letters and digits, with single hyphens between them.");
    await expect(form.getByLabel("Identifier")).toHaveValue("Not An Id");
    await expect(form.getByLabel("Seat country")).toHaveValue("AT");
    await expect(form.getByLabel("Name in Russian")).toHaveValue("Бюро связи без скриптов");

    await form.getByLabel("Identifier").fill(id);
    await form.getByRole("button", { name: "Add agency" }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/agencies\\?created=${id}#agency-${id}$`));
    await expect(page.getByRole("status")).toHaveText(`Agency ${id} added.`);
    await expect(page.getByTestId(`agency-row-${id}`)).toContainText("No-Script Liaison Office");
  });

  test("an admin changes a user's role, then disables them", async ({ page, users }) => {
    const admin = await users.create({ role: "admin", agencyId: "unodc-roca" });
    const officer = await users.create({ role: "analyst", agencyId: "tj-customs" });
    await apiSignIn(page.request, admin.email, admin.password!);
    await page.goto("/admin/users");
    const row = page.getByTestId(`user-row-${officer.email}`);

    await row.getByRole("link", { name: "Edit" }).click();
    await row.getByLabel("Role").selectOption("chief");
    await row.getByRole("button", { name: "Save changes" }).click();
    await expect(row.getByRole("status")).toHaveText("Saved.");
    await expect(row).toContainText("Chief");
    await expect(row.getByRole("button", { name: "Save changes" })).toHaveCount(0);

    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row).toContainText("Disabled");
    await expect(row.getByRole("button", { name: "Enable" })).toBeVisible();
  });
});

test.describe("settings without JavaScript", () => {
  test("a user changes their preferences, after a refusal that keeps the rest", async ({ page, users }) => {
    const analyst = await users.create({ role: "analyst", agencyId: "kg-mvd-sbnon" });
    await apiSignIn(page.request, analyst.email, analyst.password!);
    await page.goto("/profile");
    const form = page.getByRole("form", { name: "Preferences" });

    await form.getByLabel("Display name").fill("");
    await form.getByLabel("Time zone").selectOption("Asia/Dushanbe");
    await form.getByRole("button", { name: "Save preferences" }).click();
    await expect(await messageOf(form.getByLabel("Display name"))).toHaveText("This field is required.");
    await expect(form.getByLabel("Time zone")).toHaveValue("Asia/Dushanbe");

    await form.getByLabel("Display name").fill("Nurlan Without Script");
    await form.getByLabel("Language").selectOption("ru");
    await form.getByRole("button", { name: "Save preferences" }).click();
    await expect(page).toHaveURL(/\/profile\?done=preferences$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ваш профиль");
    await expect(page.getByTestId("profile-name")).toHaveText("Nurlan Without Script");
    await expect(page.getByLabel("Часовой пояс")).toHaveValue("Asia/Dushanbe");
  });

  test("a chief subscribes to a crossing and unsubscribes", async ({ page, users }) => {
    const chief = await users.create({ role: "chief", agencyId: "kg-customs" });
    await apiSignIn(page.request, chief.email, chief.password!);
    await page.goto("/crossings/irkeshtam");
    const follow = page.getByTestId("follow");
    await follow.getByLabel("Delivery").selectOption("weekly");
    await follow.getByRole("button", { name: "Subscribe" }).click();
    await expect(page).toHaveURL(/\/crossings\/irkeshtam$/);
    await expect(follow).toContainText("Subscribed: Weekly digest (Monday 07:00)");
    await follow.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(follow.getByRole("button", { name: "Subscribe" })).toBeVisible();
  });

  test("a coordinator keeps a crossing's schedule in three languages, and clears it", async ({ page, users }) => {
    const coordinator = await users.create({ role: "coordinator", agencyId: "unodc-roca" });
    await apiSignIn(page.request, coordinator.email, coordinator.password!);
    await page.goto("/crossings/kulma");
    const form = page.getByTestId("crossing-curation");
    const suffix = randomUUID().slice(0, 4);
    const schedule = {
      "Schedule (English)": `Open May–November ${suffix}`,
      "Schedule (Russian)": `Открыт с мая по ноябрь ${suffix}`,
      "Schedule (Chinese)": `5月至11月开放 ${suffix}`,
    };
    await form.getByLabel("Status").selectOption("seasonal");
    await form.getByLabel("Schedule (English)").fill(schedule["Schedule (English)"]);
    await form.getByLabel("Schedule (Russian)").fill("");
    await form.getByLabel("Schedule (Chinese)").fill("");
    await form.getByRole("button", { name: "Save" }).click();
    // English alone would leave Russian and Chinese readers with a translation of the old schedule.
    await expect(form.getByText("Give the Russian and Chinese texts too", { exact: false }).first()).toBeVisible();

    for (const [label, value] of Object.entries(schedule)) await form.getByLabel(label).fill(value);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL(/\/crossings\/kulma\?curated=1$/);
    await expect(form.getByRole("status")).toHaveText("Saved.");
    for (const [label, value] of Object.entries(schedule)) await expect(form.getByLabel(label)).toHaveValue(value);

    // Emptied fields clear the schedule, where a field left out of a call would keep it.
    for (const label of Object.keys(schedule)) await form.getByLabel(label).fill("");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByLabel("Schedule (English)")).toHaveValue("");
    await expect(form.getByLabel("Schedule (Russian)")).toHaveValue("");
    await expect(form.getByLabel("Status")).toHaveValue("seasonal");
  });
});
