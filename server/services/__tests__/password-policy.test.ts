import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/index";
import { users } from "~/db/schema";
import { createUser, DEMO_PASSWORD } from "~/db/seed/factories";
import en from "~/i18n/messages/en/validation.json" with { type: "json" };
import ru from "~/i18n/messages/ru/validation.json" with { type: "json" };
import common from "~/tests/data/common-passwords.json" with { type: "json" };
import { PASSWORD_MIN } from "~/schemas/password-length";
import { easyToGuess, passwordWeakness } from "~/server/services/password-policy";
import { anonymousCaller, callerFor, fieldsOf } from "~/tests/callers";

// The 10,000 most common passwords, in order, from the frequency list of zxcvbn 4.4.2 (MIT,
// Dropbox; itself from Mark Burnett's 10 million password corpus): only 9 are 15 characters long.
const TOP_3000 = (common as string[]).slice(0, 3000);

/**
 * A common password brought to the 15-character minimum as people do (ASVS 6.2.4: "that fit the
 * policy"): repeated, or capitalised, counted up and punctuated. One form each, alternately, to
 * keep the run under a minute (a check costs ~10-25 ms).
 */
const fittedToPolicy = (password: string, rank: number) => {
  let fitted = password;
  if (rank % 2 === 0) {
    while (fitted.length < PASSWORD_MIN) fitted += password;
    return fitted;
  }
  for (let digit = 1; fitted.length < PASSWORD_MIN; digit += 1) fitted += String(digit % 10);
  return `${fitted.charAt(0).toUpperCase()}${fitted.slice(1)}!`;
};

describe("the password policy (ASVS V6.2)", () => {
  it.each([
    ["123456789012345", "digits in a row"],
    ["qwertyuiopasdfgh", "two keyboard rows"],
    ["1q2w3e4r5t6y7u8i", "a keyboard zig-zag"],
    ["abcdefghijklmnop", "the alphabet"],
    ["123456789987654321", "a listed common password"],
    ["QAZWSXEDCRFVTGB", "a listed one in another case"],
    ["passwordpassword", "a common password repeated"],
    ["P@ssw0rd12345678", "a common password in l33t, then digits"],
    ["Summer2026Summer", "a word and a year"],
    ["iloveyouiloveyou", "a common phrase repeated"],
    ["aaaaaaaaaaaaaaaaaaaa", "one character repeated"],
  ])("refuses %s (%s)", async (password) => {
    expect(await passwordWeakness(password)).toBe("passwordCommon");
  });

  it("refuses the 3,000 most common passwords brought to the policy's length (repeated; capitalised, counted up and punctuated)", () => {
    expect(TOP_3000.map(fittedToPolicy).filter((password) => !easyToGuess(password))).toEqual([]);
  }, 300_000);

  it.each([
    ["my tianshan login 2026", "the platform's name"],
    ["Tian-Shan is a mountain range", "the platform's name, spelt apart"],
    ["kazakhstan forever and ever", "a member country's name"],
    ["Казахстан навсегда и всегда", "a country's name in Russian"],
    ["我爱中国我爱中国我爱中国我爱中国", "a country's name in Chinese"],
    ["unodc roca password please", "an agency's short name"],
    ["Border Service of the National Security Committee!", "an agency's full name"],
  ])("refuses %s (%s)", async (password) => {
    expect(await passwordWeakness(password)).toBe("passwordContainsName");
  });

  it("refuses the user's own email name", async () => {
    expect(await passwordWeakness("aigerim.bekova.summer.2026", { email: "aigerim.bekova@example.org" })).toBe("passwordContainsName");
  });

  it.each(["correct horse battery staple", DEMO_PASSWORD, "x".repeat(3) + "a long passphrase with no rules at all".repeat(3)])(
    "accepts %s",
    async (password) => {
      expect(await passwordWeakness(password)).toBeNull();
    },
  );

  it("has its messages in English and Russian", () => {
    for (const key of ["passwordCommon", "passwordContainsName"] as const) {
      expect(en[key]).toBeTruthy();
      expect(ru[key]).toBeTruthy();
      expect(ru[key]).not.toBe(en[key]);
    }
  });
});

describe("where a password is chosen", () => {
  it("refuses a weak new password on the profile page, field by field, and keeps the old one", async () => {
    const user = await createUser(db, { agencyId: "kz-sgd-customs", role: "analyst" });
    const { caller } = await callerFor(user);
    const change = (newPassword: string) => caller.profile.changePassword({ currentPassword: DEMO_PASSWORD, newPassword, confirmPassword: newPassword });
    expect(await fieldsOf(change("123456789987654321"))).toEqual({ newPassword: { key: "passwordCommon" } });
    expect(await fieldsOf(change("kyrgyzstan-and-tajikistan"))).toEqual({ newPassword: { key: "passwordContainsName" } });
    expect(await fieldsOf(change("fourteen chars"))).toEqual({ newPassword: { key: "tooShort", values: { min: 15 } } });
    const [before] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(before!.hash).toBe(user.passwordHash);

    // Length is welcome: 64 characters and more, no composition rules.
    await change("a long and quiet walk along the river at dawn, with no digits at all");
    const [after] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(after!.hash).not.toBe(user.passwordHash);
  });

  it("refuses a weak password when an invitation is accepted", async () => {
    const admin = await callerFor(await createUser(db, { agencyId: "unodc-roca", role: "admin" }));
    const { link } = await admin.caller.users.invite({ email: "new.member@example.org", name: "New Member", agencyId: "kg-mvd-sbnon", role: "analyst" });
    const token = link.split("/invite/")[1]!;
    const accept = (password: string) => anonymousCaller().invitations.accept({ token, password, confirmPassword: password });
    expect(await fieldsOf(accept("new.member.of.the.platform"))).toEqual({ password: { key: "passwordContainsName" } });
    expect(await fieldsOf(accept("1qaz2wsx3edc4rfv"))).toEqual({ password: { key: "passwordCommon" } });
    await expect(accept("a sensible passphrase of my own")).resolves.toMatchObject({ email: "new.member@example.org" });
  });
});
