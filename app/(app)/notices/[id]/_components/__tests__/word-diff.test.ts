import { describe, expect, it } from "vitest";
import { wordDiff } from "../word-diff";

describe("wordDiff", () => {
  it("marks the words only one version has, keeping the rest in order", () => {
    expect(wordDiff("Two tonnes of acetic anhydride seized", "Three tonnes of acetic anhydride seized at Khorgos")).toEqual([
      { text: "Two ", in: "before" },
      { text: "Three ", in: "after" },
      { text: "tonnes of acetic anhydride seized ", in: "both" },
      { text: "at Khorgos", in: "after" },
    ]);
  });

  it("shows identical texts as unchanged, and gives up on texts too long to compare word by word", () => {
    expect(wordDiff("same words", "same words")).toEqual([{ text: "same words", in: "both" }]);
    const long = "word ".repeat(1_001);
    expect(wordDiff(long, `${long}more`)).toBeNull();
  });
});
