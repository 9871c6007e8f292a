// A guard against regular expressions (and loops) that backtrack on user text: every exported
// pattern and zod schema of lib/schemas and lib/domain, and every domain function that reads user
// text, meets adversarial inputs (long runs of one character that end badly, repeated `a\`,
// underscores, spaces before a missing quote…) at 32 characters and at 100 KB. The failure mode is
// exponential or quadratic, so the bound is generous; the 32-character round catches an
// exponential pattern before a 100 KB input could hang the run.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { knownValue, parseArmFilter, parseArmFilterTime } from "@/lib/domain/azure/arm-filter";
import {
  fileFolderBackupNames,
  fileFolderLabel,
  regionLabel,
  regionNamed,
  virtualMachineBackupNames,
} from "@/lib/domain/azure/resources";
import { shownColumns } from "@/lib/domain/columns";
import { hasControlCharacter, jsonTextIssue, jsonValueIssue } from "@/lib/domain/input-limits";
import { importAzurePolicy, unwrapPolicyProperties } from "@/lib/domain/policy/azure-json";
import { mondayOfWeek } from "@/lib/domain/policy/draft";
import { dateOfAzureTime, timeOfDay } from "@/lib/domain/policy/rules";
import { retainTillIssue } from "@/lib/domain/protection/retain-till";
import { ianaZoneOfWindows } from "@/lib/domain/time/windows-zones";
import { isValidTimeZone, parseWallTime } from "@/lib/domain/time/zoned";
import { isWindowsFolderPath } from "@/lib/schemas/inventory";

/** The bound for one call; the rewritten code takes well under 10 ms on 100 KB. */
const BOUND_MS = 200;
const SIZES = [32, 100_000];

/** Adversarial texts of about `size` characters: a prefix that gets a pattern going, a long run, a bad ending. */
function adversarialTexts(size: number): string[] {
  const run = (unit: string) => unit.repeat(Math.max(1, Math.floor((size - 8) / unit.length)));
  const fillers = ["a", "_", " ", "0", ".", "-", "'", "\\", ":", "a\\", "a.", "a-", "''", "\t", "é", "a b"];
  return [
    ...fillers.flatMap((filler) => [run(filler), `${run(filler)}!`, `${run(filler)}\u0000`]),
    `C:\\${run("a")}<`,
    `C:\\${run("a\\")}<`,
    `C:\\${run("_")}:`,
    `a eq '${run("x")}`,
    `a eq 'b'${run(" ")}x`,
    `a eq 'b' and ${run(" ")}`,
    `a${run(" and ")}`,
    `2024-01-01T10:00:00.${run("1")}x`,
    `2024-01-01 10:00:00 ${run(" ")}`,
    `2024-01-01T${run("0")}`,
    `/subscriptions/${run("a/")}`,
    `/subscriptions/s/resourceGroups/${run("%")}/backupPolicies/p`,
    `vp_${run("a")}`,
    `Bearer ${run(" ")}x`,
    `a@${run("a.")}!`,
    `${run("[")}`,
    `${run('{"a":')}`,
    `"${run("\\u0000")}`,
  ];
}

function timed(label: string, call: () => unknown) {
  const start = performance.now();
  call();
  const elapsed = performance.now() - start;
  expect(elapsed, `${label} took ${elapsed.toFixed(0)} ms`).toBeLessThan(BOUND_MS);
}

// ---- what is tested: exported patterns and schemas, found in the modules ----------------------

type ZodLike = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };
const isSchema = (value: unknown): value is ZodLike => typeof value === "object" && value !== null && "_zod" in value;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith(".ts") ? [full] : [];
  });
}

/** Values a schema reads with `text` in every string it takes (a few: one per union option). */
function candidates(schema: ZodLike, text: string, depth = 0): unknown[] {
  const def = schema._zod.def;
  const inner = (key: string) => candidates(def[key] as ZodLike, text, depth + 1);
  if (depth > 12) return [text];
  switch (def.type) {
    case "object": {
      let partials: Array<Record<string, unknown>> = [{}];
      for (const [key, field] of Object.entries(def.shape as Record<string, ZodLike>)) {
        const values = candidates(field, text, depth + 1);
        partials = partials.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value }))).slice(0, 8);
      }
      return partials;
    }
    case "array":
      return inner("element").map((element) => [element, element]);
    case "union":
      return (def.options as ZodLike[]).flatMap((option) => candidates(option, text, depth + 1)).slice(0, 8);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return inner("innerType");
    case "pipe":
      return (def.in as ZodLike)._zod.def.type === "transform" ? inner("out") : inner("in");
    case "record":
      return inner("valueType").map((value) => ({ [text]: value, key: value }));
    case "lazy":
      return candidates((def.getter as () => ZodLike)(), text, depth + 1);
    case "literal":
      return [(def.values as unknown[])[0]];
    case "enum":
      return [Object.values(def.entries as Record<string, unknown>)[0]];
    default:
      return [text];
  }
}

type Target = { label: string; run: (text: string) => unknown };
const targets: Target[] = [];

beforeAll(async () => {
  for (const file of [...sourceFiles("lib/schemas"), ...sourceFiles("lib/domain")]) {
    const exported: Record<string, unknown> = await import(path.resolve(file));
    for (const [name, value] of Object.entries(exported)) {
      const label = `${file}: ${name}`;
      if (value instanceof RegExp)
        targets.push({ label, run: (text) => new RegExp(value.source, value.flags).test(text) });
      else if (isSchema(value))
        targets.push({
          label,
          run: (text) => candidates(value, text).forEach((candidate) => value.safeParse(candidate)),
        });
    }
  }
});

// ---- functions that read user text, by hand: their arguments differ --------------------------

const NOW = new Date("2026-06-01T00:00:00Z");
const FUNCTIONS: Target[] = [
  { label: "fileFolderLabel", run: fileFolderLabel },
  { label: "fileFolderBackupNames", run: (text) => fileFolderBackupNames(text, text) },
  { label: "virtualMachineBackupNames", run: (text) => virtualMachineBackupNames(text, text) },
  { label: "regionLabel", run: regionLabel },
  { label: "regionNamed", run: regionNamed },
  { label: "isWindowsFolderPath", run: isWindowsFolderPath },
  { label: "parseArmFilter", run: (text) => parseArmFilter(text, ["startTime", "status"]) },
  { label: "parseArmFilterTime", run: parseArmFilterTime },
  { label: "knownValue", run: (text) => knownValue(["Completed", "Failed"], text) },
  { label: "shownColumns", run: (text) => shownColumns(`${text},status,${text}`, ["name", "status"], ["name"]) },
  { label: "retainTillIssue", run: (text) => retainTillIssue(text, NOW, "UTC") },
  { label: "hasControlCharacter", run: hasControlCharacter },
  { label: "jsonTextIssue", run: jsonTextIssue },
  { label: "jsonValueIssue", run: (text) => jsonValueIssue({ [text]: [text] }) },
  {
    label: "importAzurePolicy",
    run: (text) =>
      importAzurePolicy({
        properties: {
          backupManagementType: "MAB",
          timeZone: text,
          schedulePolicy: {
            schedulePolicyType: "SimpleSchedulePolicy",
            scheduleRunFrequency: "Daily",
            scheduleRunTimes: [text],
          },
          retentionPolicy: { retentionPolicyType: "LongTermRetentionPolicy" },
          [text]: text,
        },
      }),
  },
  {
    label: "unwrapPolicyProperties",
    run: (text) => unwrapPolicyProperties({ parameters: { parameters: { properties: text } } }),
  },
  { label: "isValidTimeZone", run: isValidTimeZone },
  { label: "ianaZoneOfWindows", run: ianaZoneOfWindows },
  { label: "parseWallTime", run: (text) => parseWallTime(`${text}T${text}`) },
  {
    label: "timeOfDay",
    run: (text) => {
      try {
        timeOfDay(text);
      } catch {
        /* refusing is fine */
      }
    },
  },
  {
    label: "dateOfAzureTime",
    run: (text) => {
      try {
        dateOfAzureTime(text);
      } catch {
        /* refusing is fine */
      }
    },
  },
  {
    label: "mondayOfWeek",
    run: (text) => {
      try {
        mondayOfWeek(text);
      } catch {
        /* refusing is fine */
      }
    },
  },
];

describe("user text is read in bounded time", () => {
  it("finds the exported patterns and schemas", () => {
    const labels = targets.map((target) => target.label);
    expect(labels.length).toBeGreaterThan(30);
    expect(labels).toEqual(
      expect.arrayContaining([
        expect.stringContaining("RESOURCE_GROUP_PATTERN"),
        expect.stringContaining("addFolderSchema"),
        expect.stringContaining("armPolicyBodySchema"),
      ]),
    );
  });

  // Sizes in order within one test: a pattern that fails at 32 characters never meets 100 KB.
  const eachInput = (list: () => Target[]) => () => {
    for (const size of SIZES) {
      for (const text of adversarialTexts(size))
        for (const target of list())
          timed(`${target.label} on ${JSON.stringify(text.slice(0, 12))}… (${text.length})`, () => target.run(text));
    }
  };

  it(
    "every exported pattern and schema, on adversarial texts of 32 characters and 100 KB",
    eachInput(() => targets),
  );
  it(
    "every domain function that reads user text, on adversarial texts of 32 characters and 100 KB",
    eachInput(() => FUNCTIONS),
  );
});
