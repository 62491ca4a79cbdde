import { describe, expect, it } from "vitest";
import { conformName, decodeErrors, encodeError } from "../form";
import { ZCreateNotice } from "../notices";
import { numberFromText, parseForm } from "../parse-form";

const KEY = "6f1c2b8e-3d4a-4c5b-9e7f-0a1b2c3d4e5f";

function seizure(entries: [string, string][]) {
  const form = new FormData();
  form.set("idempotencyKey", KEY);
  for (const [name, value] of [
    ["notice.kind", "seizure"],
    ["notice.occurredOn", "2026-11-30"],
    ["notice.crossingId", "torugart"],
    ["notice.tlp", "green"],
    ["notice.sourceReliability", "B"],
    ["notice.infoCredibility", "2"],
    ["notice.handlingCode", "intelligence_only"],
    ...entries,
  ] as [string, string][])
    form.append(name, value);
  return form;
}

/** Field name → the message key the form shows there. */
function errorKeys(form: FormData) {
  const submission = parseForm(form, ZCreateNotice);
  expect(submission.status).toBe("error");
  const error = submission.status === "error" ? submission.error : null;
  return Object.fromEntries(Object.entries(error ?? {}).map(([name, errors]) => [name, decodeErrors(errors ?? undefined).map((e) => e.key)]));
}

describe("numberFromText", () => {
  it("reads a decimal comma and digits grouped by spaces, and refuses what it would have to guess", () => {
    expect(numberFromText("1,5")).toBe(1.5);
    expect(numberFromText(" 12,25 ")).toBe(12.25);
    expect(numberFromText("1.5")).toBe(1.5);
    expect(numberFromText("12 500")).toBe(12500);
    expect(numberFromText("12\u00a0500,5")).toBe(12500.5);
    expect(numberFromText("-42,875")).toBeNaN();
    // 1.5 in Russian, 1500 in English.
    expect(numberFromText("1,500")).toBeNaN();
    expect(numberFromText("1,2,3")).toBeNaN();
    expect(numberFromText("1.5,2")).toBeNaN();
    expect(numberFromText("   ")).toBeNaN();
    expect(numberFromText("many")).toBeNaN();
  });
});

describe("parseForm", () => {
  it("takes a quantity and coordinates written with a decimal comma", () => {
    const submission = parseForm(
      seizure([
        ["notice.title", "Acetic anhydride at Torugart"],
        ["notice.items[0].quantity", "2,4"],
        ["notice.items[0].unit", "t"],
        ["notice.latitude", "40,52"],
        ["notice.longitude", "73,5"],
      ]),
      ZCreateNotice,
    );
    expect(submission.status).toBe("success");
    const notice = submission.status === "success" ? (submission.value.notice as { items: { quantity: number }[]; latitude: number; longitude: number }) : null;
    expect(notice?.items[0]?.quantity).toBe(2.4);
    expect([notice?.latitude, notice?.longitude]).toEqual([40.52, 73.5]);
  });

  it("names a missing field and each bad row of a repeated list by its Conform path", () => {
    const keys = errorKeys(
      seizure([
        ["notice.items[0].quantity", "12.5"],
        ["notice.items[0].unit", "kg"],
        ["notice.items[1].quantity", "-3"],
        ["notice.items[1].unit", "kg"],
        ["notice.items[2].quantity", "many"],
        ["notice.items[2].unit", "kg"],
      ]),
    );
    expect(keys).toEqual({
      "notice.title": ["required"],
      "notice.items[1].quantity": ["tooSmall"],
      "notice.items[2].quantity": ["invalidNumber"],
    });
  });

  it("carries a message's values through Conform's error strings", () => {
    const submission = parseForm(
      seizure([
        ["notice.title", "ab"],
        ["notice.items[0].quantity", "1"],
        ["notice.items[0].unit", "kg"],
      ]),
      ZCreateNotice,
    );
    expect(submission.status).toBe("error");
    const errors = submission.status === "error" ? submission.error?.["notice.title"] : null;
    expect(decodeErrors(errors ?? undefined)).toEqual([{ key: "tooShort", values: { min: 3 } }]);
  });

  it("keeps a hostile value as typed while refusing it, and builds no prototype from a field name", () => {
    const hostile = `"]}<script>alert(1)</script>\u0000`;
    const form = seizure([
      ["notice.title", hostile],
      ["notice.items[0].quantity", "1"],
      ["notice.items[0].unit", "kg"],
      ["notice.__proto__.polluted", "yes"],
    ]);
    const submission = parseForm(form, ZCreateNotice);
    expect(submission.status).toBe("error");
    const keys = submission.status === "error" ? decodeErrors(submission.error?.["notice.title"] ?? undefined) : [];
    expect(keys).toEqual([{ key: "invalidCharacters" }]);
    const reply = submission.reply();
    expect((reply.initialValue?.notice as Record<string, unknown>).title).toBe(hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parseForm, on a form it accepts", () => {
  it("gives the procedure's input when the form is valid, coerced from text", () => {
    const submission = parseForm(
      seizure([
        ["notice.title", "Heroin at Torugart"],
        ["notice.items[0].quantity", "12.5"],
        ["notice.items[0].unit", "kg"],
        ["asDraft", "on"],
      ]),
      ZCreateNotice,
    );
    expect(submission.status).toBe("success");
    if (submission.status !== "success") return;
    expect(submission.value.asDraft).toBe(true);
    expect(submission.value.notice).toMatchObject({
      kind: "seizure",
      title: "Heroin at Torugart",
      infoCredibility: 2,
      items: [{ quantity: 12.5, unit: "kg", substanceId: null }],
    });
  });

  it("reads past the fields React adds to a form posting to a server function", () => {
    const form = seizure([
      ["notice.title", "Heroin at Torugart"],
      ["notice.items[0].quantity", "1"],
      ["notice.items[0].unit", "kg"],
    ]);
    form.append("$ACTION_ID_7f3a", "");
    form.append("$ACTION_REF_1", "");
    expect(parseForm(form, ZCreateNotice).status).toBe("success");
  });
});

describe("error strings", () => {
  it("round-trips a FieldError and reads a foreign string as invalid", () => {
    expect(decodeErrors([encodeError({ key: "tooLong", values: { max: 200 } }), "Required", '{"nokey":1}'])).toEqual([
      { key: "tooLong", values: { max: 200 } },
      { key: "invalid" },
      { key: "invalid" },
    ]);
  });

  it("names service paths as Conform does", () => {
    expect(conformName("notice.items.0.quantity")).toBe("notice.items[0].quantity");
    expect(conformName("notice.persons.12.names")).toBe("notice.persons[12].names");
    expect(conformName("_")).toBe("");
  });
});
