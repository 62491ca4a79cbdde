import { spawn } from "node:child_process";
import { describe, expect, it, vi } from "vitest";
import { supervise } from "~/scripts/lib/launch";

const node = (code: string) => () => spawn(process.execPath, ["-e", code], { stdio: "ignore" });
const timing = { firstDelayMs: 50, maxDelayMs: 200, stableMs: 60_000 };

describe("a supervised process", () => {
  it("is started again each time it dies, waiting twice as long each time up to the longest pause", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const starts: number[] = [];
    const exits: number[] = [];
    const crashing = supervise(
      () => {
        starts.push(Date.now());
        return node("process.exit(1)")().once("exit", () => exits.push(Date.now()));
      },
      "crasher",
      timing,
    );
    await vi.waitUntil(() => crashing.restarts() >= 4, { timeout: 10_000, interval: 20 });
    await crashing.stop();
    // From each death to the next start: 50, 100, 200, then 200 again. Less 1 ms: libuv times its
    // timers on a millisecond clock of its own, read at the start of a loop turn, so by Date.now()
    // a timer may fire up to 1 ms early (seen: 99 for 100).
    const pauses = starts.slice(1).map((at, i) => at - exits[i]!);
    [50, 100, 200, 200].forEach((least, i) => expect(pauses[i]).toBeGreaterThanOrEqual(least - 1));
    expect(pauses[3]).toBeLessThan(400);
    const after = starts.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(starts.length).toBe(after);
  });

  it("is ended for good by stop, not started again", async () => {
    let started = 0;
    const running = supervise(() => (started++, node("setInterval(() => {}, 1000)")()), "sleeper", timing);
    await running.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(started).toBe(1);
    expect(running.restarts()).toBe(0);
  });
});
