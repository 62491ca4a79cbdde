import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { apiSignIn, expect, test } from "./support/fixtures";

const PASSWORD = "precursor-demo-2026";
const COORDINATOR = "unodc.coordinator@example.org";

test.describe("exports", () => {
  test("a coordinator downloads the Form D table for Kyrgyzstan 2026 from the page, without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
    await apiSignIn(context.request, COORDINATOR, PASSWORD);
    const page = await context.newPage();
    await page.goto("/reports/form-d");
    await page.getByLabel("Reporting country").selectOption("KG");
    await page.getByLabel("Year").fill("2026");
    await page.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL(/country=KG&year=2026/);
    await expect(page.getByTestId("form-d")).toContainText("Kyrgyzstan");
    const table = page.getByTestId("form-d-table-I");
    await expect(table).toBeVisible();
    const shown = Number(await table.locator("tbody tr").first().locator("td").first().textContent());
    expect(shown).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download XLSX" }).click()]);
    expect(download.suggestedFilename()).toBe("form-d-KG-2026.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as never);
    const rows = book.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1));
    expect(String(rows[0]![0])).toMatch(/^TLP:/);
    const substance = (await table.locator("tbody tr").first().locator("th").textContent())!.trim();
    expect(rows.find((row) => row[0] === substance)?.[1]).toBe(shown);

    // A seizure's PICS summary, on its page, without JavaScript.
    await page.goto("/feed?kind=seizure");
    const seizureId = await page.locator("[data-notice-id]").first().getAttribute("data-notice-id");
    await page.goto(`/notices/${seizureId}`);
    await page.getByRole("link", { name: "Export · PICS" }).click();
    await expect(page.getByLabel("PICS incident summary (English)")).toHaveValue(/^Date of seizure: \d{4}-\d{2}-\d{2}\nPlace of seizure: /);

    const refused = await context.request.get("/exports/form-d.xlsx?country=XX&year=2026");
    expect(refused.status()).toBe(400);
    expect(refused.headers()["cache-control"]).toBe("no-store");
    await context.close();
  });

  test("a coordinator downloads the CSV of the feed as filtered, headed with its marking; signed out, nothing", async ({ browser }) => {
    const context = await browser.newContext({ acceptDownloads: true });
    await apiSignIn(context.request, COORDINATOR, PASSWORD);
    const page = await context.newPage();
    await page.goto("/feed?kind=seizure");
    const links = page.getByTestId("export-links");
    await expect(links.getByRole("link", { name: "STIX 2.1 (JSON)" })).toHaveAttribute("href", /scope=feed&kind=seizure/);
    const [download] = await Promise.all([page.waitForEvent("download"), links.getByRole("link", { name: "CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tianshan-notices-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile((await download.path())!, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [marking, header, ...rows] = parse(text.slice(1), { relax_column_count: true }) as string[][];
    expect(marking![0]).toMatch(/^TLP:(CLEAR|GREEN|AMBER|AMBER\+STRICT|RED)$/);
    const kind = header!.indexOf("kind");
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row[kind]))).toEqual(new Set(["seizure"]));

    const response = await context.request.get("/exports/notices.stix.json?scope=feed&kind=seizure");
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(response.headers()["content-type"]).toContain("application/stix+json");
    expect(((await response.json()) as { type: string }).type).toBe("bundle");

    const anonymous = await browser.newContext();
    const signedOut = await anonymous.request.get("/exports/notices.csv?scope=feed", { maxRedirects: 0 });
    expect(signedOut.status()).toBe(303);
    expect(signedOut.headers().location).toBe("/signin");
    await anonymous.close();
    await context.close();
  });
});
