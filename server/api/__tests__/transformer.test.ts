import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { plainJson, transformer } from "~/server/api/transformer";

describe("the answers' transformer", () => {
  it("sends a value marked as plain JSON as superjson would, without walking it", () => {
    const page = plainJson({ items: [{ id: "a", tags: ["x"], seizure: null, massKg: 2.5 }], nextCursor: null });
    const sent = transformer.output.serialize(page);
    expect(sent).toEqual(superjson.serialize(page));
    expect(superjson.deserialize(JSON.parse(JSON.stringify(sent)))).toEqual(page);
  });

  it("walks every other value, so its dates and other types reach the client", () => {
    const at = new Date("2026-11-29T12:00:00Z");
    const sent = transformer.output.serialize({ at });
    expect(superjson.deserialize(JSON.parse(JSON.stringify(sent)))).toEqual({ at });
  });
});
