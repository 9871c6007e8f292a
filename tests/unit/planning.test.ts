import { describe, expect, it } from "vitest";
import { nextSlotAfter, planDueSlots } from "@/lib/domain/jobs/planning";
import { type PolicyRules, scheduleOf } from "@/lib/domain/policy/rules";

const policy: PolicyRules = {
  workload: "MAB",
  timeZone: "UTC",
  schedule: {
    frequency: "Daily",
    times: [
      { hour: 0, minute: 0 },
      { hour: 18, minute: 0 },
    ],
  },
  rules: [{ name: "Daily", times: [], duration: { count: 7, durationType: "Days" } }],
  instantRestoreDays: null,
};
const options = { onTimeMs: 90_000, graceMs: 60 * 60_000 };
const plan = (lastPlanned: string, now: string, override = {}) => {
  const decision = planDueSlots(policy, new Date(lastPlanned), new Date(now), { ...options, ...override });
  return {
    run: decision.run?.at.toISOString() ?? null,
    skipped: decision.skipped.map((skip) => skip.slot.at.toISOString()),
    reasons: decision.skipped.map((skip) => skip.reason),
  };
};

describe("planning due slots", () => {
  it("runs a slot found on time, and nothing when none is due", () => {
    expect(plan("2024-05-01T17:59:00Z", "2024-05-01T18:00:30Z")).toMatchObject({
      run: "2024-05-01T18:00:00.000Z",
      skipped: [],
    });
    expect(plan("2024-05-01T18:00:00Z", "2024-05-01T18:01:00Z")).toMatchObject({ run: null, skipped: [] });
  });
  it("never plans the same slot twice: the window starts after the last planned slot", () => {
    expect(plan("2024-05-01T18:00:00Z", "2024-05-01T18:00:00Z").run).toBeNull();
  });
  it("catches up only the latest missed slot within the grace window and skips the earlier ones", () => {
    const decision = plan("2024-05-01T00:00:00Z", "2024-05-02T00:45:00Z");
    expect(decision.run).toBe("2024-05-02T00:00:00.000Z");
    expect(decision.skipped).toEqual(["2024-05-01T18:00:00.000Z"]);
    expect(decision.reasons[0]).toMatch(/only the latest missed backup is run/);
  });
  it("skips everything beyond the grace window, or when catch-up is off", () => {
    expect(plan("2024-05-01T00:00:00Z", "2024-05-02T02:00:00Z")).toMatchObject({
      run: null,
      skipped: ["2024-05-01T18:00:00.000Z", "2024-05-02T00:00:00.000Z"],
    });
    expect(plan("2024-05-01T00:00:00Z", "2024-05-02T02:00:00Z").reasons[1]).toMatch(
      /120 minutes late, beyond the 60-minute catch-up window/,
    );
    const off = plan("2024-05-01T17:00:00Z", "2024-05-01T18:10:00Z", { graceMs: 0 });
    expect(off).toMatchObject({ run: null, skipped: ["2024-05-01T18:00:00.000Z"] });
    expect(off.reasons[0]).toMatch(/catch-up runs are turned off/);
  });
  it("a clock jump of a year re-plans: one slot at most, the rest recorded as skipped", () => {
    const decision = plan("2024-05-01T00:00:00Z", "2025-05-01T00:00:10Z");
    expect(decision.run).toBe("2025-05-01T00:00:00.000Z");
    expect(decision.skipped).toHaveLength(2 * 365 - 1);
  });
  it("a clock that goes back plans nothing", () => {
    expect(plan("2024-05-02T00:00:00Z", "2024-05-01T00:00:00Z")).toMatchObject({ run: null, skipped: [] });
  });
  it("knows the next slot after an instant (strictly after it), so ticks between slots skip the item", () => {
    expect(nextSlotAfter(policy, new Date("2024-05-01T17:59:00Z"))?.toISOString()).toBe("2024-05-01T18:00:00.000Z");
    expect(nextSlotAfter(policy, new Date("2024-05-01T18:00:00Z"))?.toISOString()).toBe("2024-05-02T00:00:00.000Z");
    const weekly: PolicyRules = {
      ...policy,
      schedule: { frequency: "Weekly", days: ["Sunday"], times: [{ hour: 1, minute: 30 }] },
    } as PolicyRules;
    expect(nextSlotAfter(weekly, new Date("2024-05-06T00:00:00Z"))?.toISOString()).toBe("2024-05-12T01:30:00.000Z");
  });
});

describe("planning a schedule that runs every N weeks", () => {
  // The seed page's "every alternate Sunday & Wednesday at 9:30 AM and 1:00 AM", as Azure's JSON gives it.
  const alternate = (weeks: number): PolicyRules => ({
    ...policy,
    schedule: scheduleOf({
      schedulePolicyType: "SimpleSchedulePolicy",
      scheduleRunFrequency: "Weekly",
      scheduleRunDays: ["Sunday", "Wednesday"],
      scheduleRunTimes: ["2024-01-03T09:30:00Z", "2024-01-03T01:00:00Z"],
      scheduleWeeklyFrequency: weeks,
    }),
  });

  it("plans only the weeks that run: a downtime over the week off records nothing for it", () => {
    const decision = planDueSlots(
      alternate(2),
      new Date("2024-01-07T09:30:00Z"),
      new Date("2024-01-17T01:00:30Z"),
      options,
    );
    expect(decision.run?.at.toISOString()).toBe("2024-01-17T01:00:00.000Z");
    expect(decision.skipped).toEqual([]);
    const month = planDueSlots(
      alternate(2),
      new Date("2024-01-01T00:00:00Z"),
      new Date("2024-02-01T00:00:00Z"),
      options,
    );
    expect(month.skipped.map((skip) => skip.slot.at.toISOString().slice(0, 10))).toEqual([
      "2024-01-03",
      "2024-01-03",
      "2024-01-07",
      "2024-01-07",
      "2024-01-17",
      "2024-01-17",
      "2024-01-21",
      "2024-01-21",
      "2024-01-31",
      "2024-01-31",
    ]);
  });

  it("finds the next slot even four weeks away, so the engine's next-slot mark is never empty", () => {
    expect(nextSlotAfter(alternate(2), new Date("2024-01-07T09:30:00Z"))?.toISOString()).toBe(
      "2024-01-17T01:00:00.000Z",
    );
    expect(nextSlotAfter(alternate(3), new Date("2024-01-07T09:30:00Z"))?.toISOString()).toBe(
      "2024-01-24T01:00:00.000Z",
    );
    expect(nextSlotAfter(alternate(4), new Date("2024-01-07T09:30:00Z"))?.toISOString()).toBe(
      "2024-01-31T01:00:00.000Z",
    );
    const mondays: PolicyRules = {
      ...policy,
      schedule: scheduleOf({
        schedulePolicyType: "SimpleSchedulePolicy",
        scheduleRunFrequency: "Weekly",
        scheduleRunDays: ["Monday"],
        scheduleRunTimes: ["2024-01-01T00:00:00Z"],
        scheduleWeeklyFrequency: 4,
      }),
    };
    expect(nextSlotAfter(mondays, new Date("2024-01-01T00:00:00Z"))?.toISOString()).toBe("2024-01-29T00:00:00.000Z");
  });
});
