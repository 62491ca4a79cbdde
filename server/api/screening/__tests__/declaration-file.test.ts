import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readDeclaration } from "../declaration-file";

const fileOf = (content: BlobPart, name: string) => new File([content], name);

describe("readDeclaration", () => {
  it("reads pasted tab-separated lines in the default column order, and a header in Russian in its own order", async () => {
    expect(await readDeclaration({ text: "2915.24\tУксусный ангидрид\tUrumqi Co.\tOsh LLC\t01KG482ABT\tKashgar – Osh" })).toEqual({
      lines: [
        { hsCode: "2915.24", description: "Уксусный ангидрид", consignor: "Urumqi Co.", consignee: "Osh LLC", vehicle: "01KG482ABT", route: "Kashgar – Osh" },
      ],
    });
    const csv = "Получатель;Наименование товара;Код ТН ВЭД\n«Нур», ООО;Кислота уксусная; 2915.21\n\n;Чай;0902.30\n";
    expect(await readDeclaration({ file: fileOf(csv, "d.csv") })).toEqual({
      lines: [
        { consignee: "«Нур», ООО", description: "Кислота уксусная", hsCode: "2915.21" },
        { description: "Чай", hsCode: "0902.30" },
      ],
    });
  });

  it("reads a CSV saved in Windows-1251 and an XLSX workbook's first sheet", async () => {
    const cp1251 = Uint8Array.from([0xd7, 0xe0, 0xe9, 0x3b, 0x30, 0x39, 0x30, 0x32]); // "Чай;0902"
    expect(await readDeclaration({ file: fileOf(cp1251, "d.csv") })).toEqual({ lines: [{ hsCode: "Чай", description: "0902" }] });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Manifest");
    sheet.addRow(["HS code", "Description", "Consignee", "Vehicle"]);
    sheet.addRow(["2915.24", "醋酸酐", "天山化工贸易有限公司", "517 ABX 05"]);
    const xlsx = await workbook.xlsx.writeBuffer();
    expect(await readDeclaration({ file: fileOf(xlsx as ArrayBuffer, "manifest.xlsx") })).toEqual({
      lines: [{ hsCode: "2915.24", description: "醋酸酐", consignee: "天山化工贸易有限公司", vehicle: "517 ABX 05" }],
    });
  });

  it("says what is wrong and on which line: unreadable, empty, too many lines, a cell too long, NUL", async () => {
    expect(await readDeclaration({ file: fileOf(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "broken.xlsx") })).toEqual({
      field: "file",
      error: { key: "screeningUnreadable" },
    });
    expect(await readDeclaration({ text: "\n\n" })).toEqual({ field: "text", error: { key: "screeningEmpty" } });
    expect(await readDeclaration({ text: "x\n".repeat(2001) })).toEqual({ field: "text", error: { key: "screeningTooManyLines", values: { max: 2000 } } });
    expect(await readDeclaration({ text: `2915\tok\n2915\t${"y".repeat(501)}` })).toEqual({
      field: "text",
      error: { key: "screeningCellTooLong", values: { line: 2, max: 500 } },
    });
    expect(await readDeclaration({ file: fileOf("2915;a\u0000b", "nul.csv") })).toEqual({
      field: "file",
      error: { key: "screeningLineInvalid", values: { line: 1 } },
    });
  });
});
