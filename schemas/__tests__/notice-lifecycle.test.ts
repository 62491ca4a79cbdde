import { describe, expect, it } from "vitest";
import { NOTICE_STATUSES, type NoticeStatus } from "~/schemas/notice-enums";
import { CLOSED, HELD, leaves, RELEASED, STEPS, stepsFor } from "~/schemas/notice-lifecycle";
import { can, PERMISSIONS, type Permission } from "~/server/auth/permissions";
import type { Role } from "~/server/auth/roles";

const viewerAs = (role: Role, agencyId = "kz-sgd-customs", userId = "someone") => ({
  userId,
  agencyId,
  permissions: new Set((Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(role, permission))),
});
const notice = (status: NoticeStatus) => ({ status, authorId: "author", agencyId: "kz-sgd-customs" });

describe("the notice lifecycle", () => {
  it("gives every status one meaning for its readers: before release, released, or held by moderation", () => {
    const before = NOTICE_STATUSES.filter((status) => !(RELEASED as readonly string[]).includes(status) && !(HELD as readonly string[]).includes(status));
    expect(before).toEqual(["draft", "pending_release"]);
    expect(RELEASED.filter((status) => (HELD as readonly string[]).includes(status))).toEqual([]);
  });

  it("lets no step leave a closed notice but the record's own (none)", () => {
    for (const status of CLOSED) expect(Object.keys(STEPS).filter((step) => leaves(step as keyof typeof STEPS, status))).toEqual([]);
    expect(NOTICE_STATUSES.filter((status) => leaves("edit", status))).toEqual(
      NOTICE_STATUSES.filter((status) => !(CLOSED as readonly string[]).includes(status)),
    );
  });

  it("offers the author's agency its steps by role, and nobody else any", () => {
    expect(stepsFor(viewerAs("analyst", "kz-sgd-customs", "author"), notice("published"))).toEqual({
      edit: true,
      submit: false,
      release: false,
      retract: true,
    });
    expect(stepsFor(viewerAs("analyst"), notice("draft"))).toEqual({ edit: true, submit: true, release: false, retract: false });
    expect(stepsFor(viewerAs("chief"), notice("pending_release"))).toEqual({ edit: false, submit: false, release: true, retract: false });
    expect(stepsFor(viewerAs("chief", "kg-mvd-sbnon"), notice("pending_release"))).toEqual({ edit: false, submit: false, release: false, retract: false });
    expect(stepsFor(viewerAs("analyst", "kg-mvd-sbnon"), notice("published"))).toEqual({ edit: false, submit: false, release: false, retract: false });
    expect(stepsFor(viewerAs("analyst", "kz-sgd-customs", "author"), notice("retracted"))).toEqual({
      edit: false,
      submit: false,
      release: false,
      retract: false,
    });
  });
});
