import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";

// markdown_plain and notice_excerpt (migration 0010) turn a narrative into the text of list lines
// and search snippets; they run inside PostgreSQL, so they are asked of PostgreSQL here.
async function plain(markdown: string): Promise<string> {
  const [row] = await db.execute<{ text: string }>(sql`SELECT markdown_plain(${markdown}) AS text`);
  return row!.text;
}

async function excerpt(markdown: string): Promise<string> {
  const [row] = await db.execute<{ text: string }>(sql`SELECT notice_excerpt(${markdown}) AS text`);
  return row!.text;
}

describe("narratives as plain text", () => {
  it.each([
    ["# Seizure at **Torugart**\n\nDeclared as _corn oil_.", "Seizure at Torugart Declared as corn oil."],
    ["See [the report](https://example.org/r) and ![a photo](https://example.org/p.jpg).", "See the report and a photo."],
    ["Reference [style][1] link, <https://example.org/x> and <b>bold</b> HTML.", "Reference style link, https://example.org/x and bold HTML."],
    ["> quoted\n- first\n* second\n1. third\n\n---\n\n`HS 2915.24` and ~~old~~ ```\ncode\n```", "quoted first second third HS 2915.24 and old code"],
    ["Марка: __КамАЗ__, 2 × 20 t; 乌鲁木齐 *中转*", "Марка: КамАЗ, 2 × 20 t; 乌鲁木齐 中转"],
    ["snake_case_name and 3 * 4 stay", "snake_case_name and 3 * 4 stay"],
  ])("%j → %j", async (markdown, expected) => {
    expect(await plain(markdown)).toBe(expected);
  });

  it("cuts an excerpt after the last whole word within 200 characters, with an ellipsis", async () => {
    const long = `**Summary** ${"acetic anhydride ".repeat(30)}`;
    const cut = await excerpt(long);
    expect(cut.startsWith("Summary acetic anhydride")).toBe(true);
    expect(cut.endsWith("anhydride…") || cut.endsWith("acetic…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(201);
    expect(await excerpt("Short *and* whole.")).toBe("Short and whole.");
  });

  it("cuts inside a word only when no word ends past the 120th character", async () => {
    const unbroken = "乙".repeat(300);
    expect(await excerpt(unbroken)).toBe(`${"乙".repeat(200)}…`);
  });
});
