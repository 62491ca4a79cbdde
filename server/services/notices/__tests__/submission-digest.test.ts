import { describe, expect, it } from "vitest";
import { ZNoticeInput } from "~/schemas/notices";
import { submissionDigest } from "~/server/services/notices/submission-digest";
import { arrestInput, companyInput, seizureInput } from "~/tests/notices";

// Issue 19 added fields with defaults (parties, phones, an arrest's companies): a submission made
// before them must keep its digest, or its retry, or the demo seed run again on an existing
// database, would be refused as the same key with other content.
describe("the digest of a submission", () => {
  it("is what it was before issue 19's fields when they are left empty, and differs when they are filled", () => {
    for (const input of [seizureInput(), companyInput(), arrestInput()]) {
      const parsed = ZNoticeInput.parse(input) as Record<string, unknown>;
      const before = Object.fromEntries(Object.entries(parsed).filter(([key]) => !["consignor", "consignee", "phones", "companies"].includes(key)));
      expect(submissionDigest({ asDraft: false, notice: parsed })).toBe(submissionDigest({ asDraft: false, notice: before }));
      expect(submissionDigest({ asDraft: false, notice: { ...parsed, phones: ["+7 701 555 12 34"] } })).not.toBe(
        submissionDigest({ asDraft: false, notice: before }),
      );
    }
  });
});
