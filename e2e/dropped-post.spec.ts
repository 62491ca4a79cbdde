import { DEMO_PASSWORD } from "~/db/seed/factories";
import { apiSignIn, expect, test } from "./support/fixtures";

// A post from a form on a broken link: with JavaScript the form sends it itself, so a post that
// never gets an answer is said at the form, every typed value kept, and sent again by the reader.

test("a form whose post is lost on the way says so, keeps what was typed, and goes through when sent again", async ({ page, users }) => {
  const user = await users.create({ role: "analyst", agencyId: "kz-sgd-customs", locale: "en" });
  await apiSignIn(page.request, user.email, DEMO_PASSWORD);
  await page.goto("/profile");
  // Hydrated: a click before it posts the form natively (as without JavaScript), which this test is not about.
  await page.waitForFunction(() => Object.keys(document.querySelector("form#preferences")!).some((key) => key.startsWith("__reactFiber$")));
  const name = page.getByLabel("Display name");
  await name.fill("Aigerim on the Kulma link");

  // The link drops: the server action's post (it carries a Next-Action header) gets no answer.
  let dropped = 0;
  await page.route("**/profile", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      dropped++;
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.locator("#preferences [data-form-error]")).toHaveText("The server could not be reached. Your entries are kept; try again.");
  expect(dropped).toBe(1);
  await expect(name).toHaveValue("Aigerim on the Kulma link");

  // The link is back: the same form, sent again, is saved.
  await page.unroute("**/profile");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByText("Preferences saved.")).toBeVisible();
  await page.reload();
  await expect(name).toHaveValue("Aigerim on the Kulma link");
});
