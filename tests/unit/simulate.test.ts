import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runSimulate } from "@/lib/cli/simulate";
import { filesPolicy } from "@/lib/server/seed/demo-policies";

const dir = mkdtempSync(path.join(tmpdir(), "simulate-"));
const seedPolicy = path.join(dir, "seed-policy.json");
writeFileSync(seedPolicy, JSON.stringify({ properties: filesPolicy("UTC", "UTC").properties }));

const simulate = (...argv: string[]) => runSimulate(argv, (file) => readFileSync(file, "utf8"));
const pointsOf = async (...argv: string[]) => {
  const result = await simulate(...argv);
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout).recoveryPoints as Array<Record<string, unknown>>;
};

describe("npm run simulate", () => {
  it("lists every scheduled backup in [from, to], both ends included, with the seed policy's rules", async () => {
    const points = await pointsOf(
      "--policy",
      seedPolicy,
      "--from",
      "2024-03-30T00:00:00Z",
      "--to",
      "2024-03-31T00:00:00Z",
    );
    expect(points).toEqual([
      {
        time: "2024-03-30T00:00:00Z",
        tiers: ["vault"],
        rules: ["Daily", "Weekly", "Monthly", "Yearly"],
        governingRule: "Yearly",
        expiresAt: "2034-03-30T00:00:00Z",
        snapshotExpiresAt: null,
        onDemand: false,
      },
      {
        time: "2024-03-30T18:00:00Z",
        tiers: ["vault"],
        rules: ["Daily", "Weekly", "Monthly", "Yearly"],
        governingRule: "Yearly",
        expiresAt: "2034-03-30T18:00:00Z",
        snapshotExpiresAt: null,
        onDemand: false,
      },
      {
        time: "2024-03-31T00:00:00Z",
        tiers: ["vault"],
        rules: ["Daily"],
        governingRule: "Daily",
        expiresAt: "2024-04-07T00:00:00Z",
        snapshotExpiresAt: null,
        onDemand: false,
      },
    ]);
  });

  it("with --at, keeps only what exists then, and adds on-demand backups", async () => {
    const points = await pointsOf(
      "--policy",
      seedPolicy,
      "--from",
      "2024-01-01T00:00:00Z",
      "--to",
      "2024-12-31T00:00:00Z",
      "--at",
      "2024-05-01T00:00:00Z",
      "--on-demand",
      "2024-04-02T12:00:00Z=2024-06-01T00:00:00Z",
    );
    expect(points.filter((point) => point.onDemand)).toEqual([
      {
        time: "2024-04-02T12:00:00Z",
        tiers: ["vault"],
        rules: [],
        governingRule: "OnDemand",
        expiresAt: "2024-06-01T00:00:00Z",
        snapshotExpiresAt: null,
        onDemand: true,
      },
    ]);
    expect(points.filter((point) => point.governingRule === "Yearly").map((point) => point.time)).toEqual([
      "2024-03-30T00:00:00Z",
      "2024-03-30T18:00:00Z",
    ]);
    expect(points.at(-1)?.time).toBe("2024-05-01T00:00:00Z");
    expect(points).toHaveLength(2 + 6 + 6 + 12 + 1);
  });

  it("simulates Azure VM policies with snapshot and vault tiers", async () => {
    const points = await pointsOf(
      "--policy",
      "tests/fixtures/azure-policy-examples/iaasvm_simple.json",
      "--from",
      "2024-01-10T00:00:00Z",
      "--to",
      "2024-01-11T00:00:00Z",
    );
    expect(points).toEqual([
      {
        time: "2024-01-10T10:00:00Z",
        tiers: ["snapshot", "vault"],
        rules: ["Daily"],
        governingRule: "Daily",
        expiresAt: "2024-01-12T10:00:00Z",
        snapshotExpiresAt: "2024-01-12T10:00:00Z",
        onDemand: false,
      },
    ]);
  });

  it("follows an every-2-weeks schedule: the seed page's alternate Sunday and Wednesday at 9:30 AM and 1:00 AM", async () => {
    const alternate = path.join(dir, "alternate-weeks.json");
    const times = ["2024-01-03T09:30:00Z", "2024-01-03T01:00:00Z"];
    writeFileSync(
      alternate,
      JSON.stringify({
        properties: {
          backupManagementType: "MAB",
          timeZone: "UTC",
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
          },
        },
      }),
    );
    const points = await pointsOf(
      "--policy",
      alternate,
      "--from",
      "2023-12-18T00:00:00Z",
      "--to",
      "2024-01-31T23:59:59Z",
    );
    // The week of 1 January 2024 (the run times' date) runs, and every second week before and after it.
    expect(points.map((point) => point.time)).toEqual([
      "2023-12-20T01:00:00Z",
      "2023-12-20T09:30:00Z",
      "2023-12-24T01:00:00Z",
      "2023-12-24T09:30:00Z",
      "2024-01-03T01:00:00Z",
      "2024-01-03T09:30:00Z",
      "2024-01-07T01:00:00Z",
      "2024-01-07T09:30:00Z",
      "2024-01-17T01:00:00Z",
      "2024-01-17T09:30:00Z",
      "2024-01-21T01:00:00Z",
      "2024-01-21T09:30:00Z",
      "2024-01-31T01:00:00Z",
      "2024-01-31T09:30:00Z",
    ]);
    expect(points[4]).toEqual({
      time: "2024-01-03T01:00:00Z",
      tiers: ["vault"],
      rules: ["Weekly"],
      governingRule: "Weekly",
      expiresAt: "2024-01-31T01:00:00Z",
      snapshotExpiresAt: null,
      onDemand: false,
    });
    // On 1 February the 4-week rule still holds what the last four weeks made: two weeks' backups.
    const alive = await pointsOf(
      "--policy",
      alternate,
      "--from",
      "2023-12-18T00:00:00Z",
      "--to",
      "2024-02-01T00:00:00Z",
      "--at",
      "2024-02-01T00:00:00Z",
    );
    expect(alive.map((point) => point.time)).toEqual(points.slice(6).map((point) => point.time));
  });

  it.each([
    [["--from", "2024-01-01T00:00:00Z", "--to", "2024-01-02T00:00:00Z"], /--policy is required/],
    [
      ["--policy", seedPolicy, "--from", "yesterday", "--to", "2024-01-02T00:00:00Z"],
      /--from 'yesterday' is not an ISO 8601/,
    ],
    [["--policy", seedPolicy, "--from", "2024-01-01T00:00:00", "--to", "2024-01-02T00:00:00Z"], /with a zone/],
    [
      ["--policy", seedPolicy, "--from", "2024-01-02T00:00:00Z", "--to", "2024-01-01T00:00:00Z"],
      /--to is before --from/,
    ],
    [
      [
        "--policy",
        seedPolicy,
        "--from",
        "2024-01-01T00:00:00Z",
        "--to",
        "2024-01-02T00:00:00Z",
        "--on-demand",
        "2024-01-01T00:00:00Z",
      ],
      /TIME=RETAIN_UNTIL/,
    ],
    [
      ["--policy", path.join(dir, "missing.json"), "--from", "2024-01-01T00:00:00Z", "--to", "2024-01-02T00:00:00Z"],
      /Cannot read the policy file/,
    ],
    [
      ["--policy", seedPolicy, "--from", "2024-01-01T00:00:00Z", "--to", "2024-01-02T00:00:00Z", "--colour", "red"],
      /Unknown option --colour/,
    ],
  ])("refuses bad input with exit code 2 and one line: %j", async (argv, message) => {
    const result = await simulate(...argv);
    expect(result).toMatchObject({ exitCode: 2, stdout: "" });
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("names the offending field of an invalid policy", async () => {
    const bad = path.join(dir, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ properties: { ...filesPolicy("UTC", "UTC").properties, timeZone: "Atlantis Time" } }),
    );
    expect(
      (await simulate("--policy", bad, "--from", "2024-01-01T00:00:00Z", "--to", "2024-01-02T00:00:00Z")).stderr,
    ).toBe("Invalid policy: timeZone: 'Atlantis Time' is not a Windows or IANA time zone.\n");
  });

  it("runs as a command, with the exit codes it documents", async () => {
    const output = execFileSync(
      "npx",
      [
        "tsx",
        "scripts/simulate.ts",
        "--policy",
        seedPolicy,
        "--from",
        "2024-03-30T00:00:00Z",
        "--to",
        "2024-03-30T00:00:00Z",
      ],
      { encoding: "utf8" },
    );
    expect(JSON.parse(output).recoveryPoints).toHaveLength(1);
    const failed = spawnSync("npx", ["tsx", "scripts/simulate.ts", "--policy", seedPolicy], { encoding: "utf8" });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toMatch(/--from needs an ISO 8601 date-time/);
  });
});
