import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** The environment of a launched server: this file's database, and no APP_URL unless given. */
function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { APP_URL: _unset, ...inherited } = process.env;
  return { ...inherited, ...extra };
}

const appUrlOf = async (extra: Record<string, string>) =>
  (
    await run(process.execPath, ["--import", "tsx", "-e", 'import("./env.js").then((m) => console.log(m.env.APP_URL))'], { env: serverEnv(extra) })
  ).stdout.trim();

describe("the address in links and banners", () => {
  it("is the port the app serves on when APP_URL is not set", async () => {
    expect(await appUrlOf({ PORT: "4123" })).toBe("http://localhost:4123");
    expect(await appUrlOf({})).toBe("http://localhost:3000");
  });

  it("is APP_URL when it is set, whatever the port", async () => {
    expect(await appUrlOf({ PORT: "4123", APP_URL: "https://tianshan.example.org" })).toBe("https://tianshan.example.org");
  });

  it("is what an invitation link printed by user:create points to", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/user-create.ts", "--email", "port.check@example.org", "--agency", "unodc-roca", "--role", "analyst", "--name", "Port Check"],
      { env: serverEnv({ PORT: "4123" }) },
    );
    expect(stdout).toContain("http://localhost:4123/invite/");
  });
});
