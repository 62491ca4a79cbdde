import { describe, expect, it } from "vitest";
import { parseForm } from "../form";
import { ZCreateSubscription } from "../subscriptions";

describe("parseForm in the browser", () => {
  it("leaves out the fields React renders for a server action, which a strict schema would refuse", () => {
    const form = new FormData();
    form.append("$ACTION_REF_2", "");
    form.append("$ACTION_2:0", '{"id":"6004cb","bound":"$@1"}');
    form.append("$ACTION_KEY", "k503f2a9b");
    form.append("filter.countryCodes", "KG");
    form.append("filter.countryRole", "any");
    form.append("delivery", "daily");
    const submission = parseForm(form, ZCreateSubscription);
    expect(submission.status).toBe("success");
    expect(submission.status === "success" ? submission.value : null).toEqual({
      filter: { crossingIds: [], substanceIds: [], countryCodes: ["KG"], countryRole: "any", kinds: [], agencyIds: [] },
      delivery: "daily",
    });
  });
});
