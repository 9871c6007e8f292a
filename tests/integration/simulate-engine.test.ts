import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Simulation, simulateWithDomain } from "@/lib/cli/simulate";
import { importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { simulateOnEngine } from "@/lib/server/engine/simulation";
import { filesPolicy } from "@/lib/server/seed/demo-policies";

function policyOf(document: unknown) {
  const imported = importAzurePolicy(document);
  if (!imported.ok) throw new Error(JSON.stringify(imported.issues));
  return imported.policy;
}

/** The seed page's "every alternate Sunday & Wednesday at 9:30 AM and 1:00 AM" as a Backup Agent policy in Berlin. */
const alternateWeeks = () => {
  const times = ["2024-01-03T09:30:00Z", "2024-01-03T01:00:00Z"];
  return policyOf({
    backupManagementType: "MAB",
    timeZone: "W. Europe Standard Time",
    schedulePolicy: {
      schedulePolicyType: "SimpleSchedulePolicy",
      scheduleRunFrequency: "Weekly",
      scheduleRunDays: ["Sunday", "Wednesday"],
      scheduleRunTimes: times,
      scheduleWeeklyFrequency: 2,
    },
    retentionPolicy: {
      retentionPolicyType: "LongTermRetentionPolicy",
      weeklySchedule: {
        daysOfTheWeek: ["Sunday", "Wednesday"],
        retentionTimes: times,
        retentionDuration: { count: 4, durationType: "Weeks" },
      },
      monthlySchedule: {
        retentionScheduleFormatType: "Weekly",
        retentionScheduleWeekly: { daysOfTheWeek: ["Sunday"], weeksOfTheMonth: ["Last"] },
        retentionTimes: times,
        retentionDuration: { count: 6, durationType: "Months" },
      },
    },
  });
};

const fixture = (name: string) =>
  policyOf(JSON.parse(readFileSync(`tests/fixtures/azure-policy-examples/${name}.json`, "utf8")));

describe("simulate --engine", () => {
  const cases: Array<[string, Simulation]> = [
    [
      "an enhanced hourly VM policy with on-demand backups, every point created",
      {
        policy: fixture("iaasvm_v2_hourly"),
        from: new Date("2024-03-01T00:00:00Z"),
        to: new Date("2024-03-20T00:00:00Z"),
        at: null,
        onDemand: [{ at: new Date("2024-03-05T12:34:00Z"), retainUntil: new Date("2024-06-01T00:00:00Z") }],
      },
    ],
    [
      "a Backup Agent policy across a DST change, the points alive at --at",
      {
        policy: policyOf(filesPolicy("Europe/Berlin", "W. Europe Standard Time").properties),
        from: new Date("2024-01-01T00:00:00Z"),
        to: new Date("2024-12-31T00:00:00Z"),
        at: new Date("2024-11-15T00:00:00Z"),
        onDemand: [],
      },
    ],
    [
      "a weekly VM policy with an on-demand backup at a slot's instant, --at after --to",
      {
        policy: fixture("iaasvm_complex"),
        from: new Date("2024-01-01T00:00:00Z"),
        to: new Date("2024-04-01T00:00:00Z"),
        at: new Date("2024-05-01T00:00:00Z"),
        onDemand: [{ at: new Date("2024-01-03T18:00:00Z"), retainUntil: new Date("2024-12-01T00:00:00Z") }],
      },
    ],
    [
      "a Backup Agent policy every 2 weeks across a DST change, only the weeks that run",
      {
        policy: alternateWeeks(),
        from: new Date("2024-03-01T00:00:00Z"),
        to: new Date("2024-05-31T00:00:00Z"),
        at: null,
        onDemand: [],
      },
    ],
  ];

  it.each(cases)("yields exactly the domain's points: %s", async (_name, simulation) => {
    const expected = await simulateWithDomain(simulation);
    expect(expected.length).toBeGreaterThan(2);
    expect(await simulateOnEngine(simulation)).toEqual(expected);
  });

  it("plans only the weeks an every-2-weeks policy runs", async () => {
    const points = await simulateOnEngine({
      policy: alternateWeeks(),
      from: new Date("2024-03-01T00:00:00Z"),
      to: new Date("2024-04-01T00:00:00Z"),
      at: null,
      onDemand: [],
    });
    // Weeks of 26 February, 11 and 25 March run (8, 10 and 12 weeks after the week of 1 January); those of 4 and 18 March don't.
    expect(points.map((point) => point.time.toISOString())).toEqual([
      "2024-03-03T00:00:00.000Z",
      "2024-03-03T08:30:00.000Z",
      "2024-03-13T00:00:00.000Z",
      "2024-03-13T08:30:00.000Z",
      "2024-03-17T00:00:00.000Z",
      "2024-03-17T08:30:00.000Z",
      "2024-03-27T00:00:00.000Z",
      "2024-03-27T08:30:00.000Z",
      "2024-03-31T00:00:00.000Z",
      "2024-03-31T07:30:00.000Z", // 9:30 AM after the change to CEST
    ]);
  });

  it("prints the same JSON as the domain simulate from the command line", () => {
    const argv = [
      "--policy",
      "tests/fixtures/azure-policy-examples/iaasvm_simple.json",
      "--from",
      "2024-01-01T00:00:00Z",
      "--to",
      "2024-03-01T00:00:00Z",
      "--at",
      "2024-02-15T00:00:00Z",
      "--on-demand",
      "2024-01-20T08:00:00Z=2024-02-20T00:00:00Z",
    ];
    const run = (extra: string[]) =>
      execFileSync("npx", ["tsx", "scripts/simulate.ts", ...argv, ...extra], { encoding: "utf8" });
    const domain = run([]);
    expect(JSON.parse(domain).recoveryPoints.some((point: { onDemand: boolean }) => point.onDemand)).toBe(true);
    expect(run(["--engine"])).toBe(domain);
  });
});
