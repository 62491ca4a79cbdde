import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** Runs the fixture worker process; its exit code and output. */
function run(error: "broken-connection" | "bug"): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(new URL("./fixtures/throw-uncaught.ts", import.meta.url)), [error], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("a worker process's uncaught exceptions", () => {
  it("leave it running when postgres.js throws on a cut connection", async () => {
    const { code, output } = await run("broken-connection");
    expect(output).toContain("a database connection broke");
    expect(output).toContain("still running");
    expect(code).toBe(0);
  });

  it("end it on anything else, with the error's class and place in its log but not its message", async () => {
    const { code, output } = await run("bug");
    expect(output).toMatch(/\[worker\] .*Error \| at .*throw-uncaught\.ts/);
    expect(output).not.toContain("a bug");
    expect(output).not.toContain("still running");
    expect(code).toBe(1);
  });
});
