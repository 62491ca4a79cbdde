import { eq } from "drizzle-orm";
import { users as usersTable } from "~/db/schema";
import { DEMO_PASSWORD } from "~/db/seed/factories";
import { expect, signInWithForm, test } from "./support/fixtures";

// U+202E RIGHT-TO-LEFT OVERRIDE: unisolated, it turns every character after it in its line
// around, the app's own words included (issue 13, item 14d).
const RLO = "\u202E";

test("a right-to-left override in a user's name does not reorder the words around it", async ({ page, users, db }) => {
  const user = await users.create({ role: "chief", agencyId: "kz-sgd-customs" });
  await db
    .update(usersTable)
    .set({ name: `${RLO}Zhanar Omarova` })
    .where(eq(usersTable.id, user.id));
  await signInWithForm(page, user.email, DEMO_PASSWORD);
  await page.goto("/");
  const line = page.getByTestId("viewer-line");
  await expect(line).toContainText("Zhanar Omarova");
  // The name, then " · " and the agency to its right, in reading order, as for any other name.
  const [name, agency] = await line.locator(":scope > *").evaluateAll((parts) =>
    parts.map((part) => {
      const range = document.createRange();
      range.selectNodeContents(part);
      const box = range.getBoundingClientRect();
      return { left: box.left, right: box.right };
    }),
  );
  expect(agency!.left).toBeGreaterThanOrEqual(name!.right - 1);
});
