// /api/health's rule for the engine of its process: degraded once its last completed tick (or its
// start, before the first tick) is more than two tick intervals old, in real time.
import { describe, expect, it } from "vitest";
import { cronTickIntervalMs, engineHealth, longestGapMs } from "@/lib/server/engine/health";

const MINUTE = 60_000;
const at = (time: string) => new Date(`2026-03-02T${time}Z`);

describe("engine health", () => {
  it("is ok up to two tick intervals after the last completed tick, degraded after, with the tick in the reason", () => {
    const health = (now: string) =>
      engineHealth({
        now: at(now),
        startedAt: at("08:00:00"),
        lastTickCompletedAt: at("09:00:00"),
        tickIntervalMs: MINUTE,
      });
    expect(health("09:01:00")).toEqual({ status: "ok" });
    expect(health("09:02:00")).toEqual({ status: "ok" });
    expect(health("09:02:00.001")).toEqual({
      status: "degraded",
      reason: "The engine's last tick was at 2026-03-02T09:00:00.000Z, over two tick intervals (1 minute each) ago.",
    });
  });

  it("counts from the engine's start before its first tick", () => {
    const health = (now: string) =>
      engineHealth({ now: at(now), startedAt: at("08:00:00"), lastTickCompletedAt: null, tickIntervalMs: 5 * MINUTE });
    expect(health("08:09:59")).toEqual({ status: "ok" });
    expect(health("08:10:01")).toEqual({
      status: "degraded",
      reason:
        "The engine started at 2026-03-02T08:00:00.000Z and hasn't completed a tick since, over two tick intervals (5 minutes each) ago.",
    });
  });

  it("takes the tick interval from the cron expression: the longest gap between its next runs", () => {
    expect(longestGapMs([at("09:00:00"), at("09:01:00"), at("09:03:00"), at("09:04:00")])).toBe(2 * MINUTE);
    expect(longestGapMs([at("09:00:00")])).toBe(0);
    expect(cronTickIntervalMs("* * * * *")).toBe(MINUTE);
    expect(cronTickIntervalMs("* * * * * *")).toBe(1000);
    expect(cronTickIntervalMs("*/15 * * * *")).toBe(15 * MINUTE);
    // Twice a day at irregular hours: the longer gap (16 hours), so it isn't reported late between its ticks.
    expect(cronTickIntervalMs("0 9,17 * * *")).toBe(16 * 60 * MINUTE);
    // The end-to-end tests' server ticks yearly: healthy for two years.
    expect(cronTickIntervalMs("0 0 1 1 *")).toBeGreaterThanOrEqual(365 * 24 * 60 * MINUTE);
  });
});
