// npm run simulate -- --policy FILE --from ISO --to ISO [--at ISO] [--on-demand ISO=ISO]... [--engine]
// Prints the recovery points a policy creates (or those alive at --at) as JSON. By default with
// the domain functions alone (no database); with --engine by the real engine under a virtual
// clock, which must print exactly the same.
import { type ImportedPolicy, importAzurePolicy } from "@/lib/domain/policy/azure-json";
import { policyRulesOf } from "@/lib/domain/policy/rules";
import {
  type OnDemandBackup,
  type PlannedRecoveryPoint,
  plannedRecoveryPoints,
  recoveryPointsAt,
} from "@/lib/domain/retention/recovery-points";

export type CliResult = { exitCode: number; stdout: string; stderr: string };

export type Simulation = { policy: ImportedPolicy; from: Date; to: Date; at: Date | null; onDemand: OnDemandBackup[] };
export type SimulatedPoint = Pick<
  PlannedRecoveryPoint,
  "time" | "tiers" | "rules" | "governingRule" | "expiresAt" | "snapshotExpiresAt" | "onDemand"
>;
export type Simulator = (simulation: Simulation) => Promise<SimulatedPoint[]>;

/** The points by the domain functions: every point in [from, to], or those alive at `at`. */
export async function simulateWithDomain({ policy, from, to, at, onDemand }: Simulation): Promise<SimulatedPoint[]> {
  const planned = plannedRecoveryPoints(policyRulesOf(policy.properties, policy.timeZone), from, to, onDemand);
  return at
    ? recoveryPointsAt(
        planned.filter((point) => point.time <= at),
        at,
      )
    : planned;
}

const USAGE =
  "usage: npm run simulate -- --policy FILE --from ISO --to ISO [--at ISO] [--on-demand ISO=ISO]... [--engine]";

/** "2024-03-30T00:00:00Z": UTC with seconds, no milliseconds. */
export function isoSeconds(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z");
}

class InputError extends Error {}

function instant(value: string | undefined, flag: string): Date {
  if (!value) throw new InputError(`${flag} needs an ISO 8601 date-time. ${USAGE}`);
  // A zone is required: a bare local time would depend on the machine's zone.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value)) {
    throw new InputError(`${flag} '${value}' is not an ISO 8601 date-time with a zone (such as 2024-03-30T00:00:00Z).`);
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new InputError(`${flag} '${value}' is not a valid date-time.`);
  return parsed;
}

function parseArguments(argv: string[]) {
  const options: { policy?: string; from?: string; to?: string; at?: string; onDemand: string[]; engine: boolean } = {
    onDemand: [],
    engine: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    if (flag === "--engine") {
      options.engine = true;
      continue;
    }
    const value = argv[index + 1];
    if (value === undefined || value.startsWith("--")) throw new InputError(`${flag} needs a value. ${USAGE}`);
    index++;
    if (flag === "--policy") options.policy = value;
    else if (flag === "--from") options.from = value;
    else if (flag === "--to") options.to = value;
    else if (flag === "--at") options.at = value;
    else if (flag === "--on-demand") options.onDemand.push(value);
    else throw new InputError(`Unknown option ${flag}. ${USAGE}`);
  }
  return options;
}

/** Runs the command; `engineSimulator` serves --engine (it needs a database, so the script passes it in). */
export async function runSimulate(
  argv: string[],
  readFile: (path: string) => string,
  engineSimulator?: Simulator,
): Promise<CliResult> {
  try {
    const options = parseArguments(argv);
    if (!options.policy) throw new InputError(`--policy is required. ${USAGE}`);
    const from = instant(options.from, "--from");
    const to = instant(options.to, "--to");
    if (to < from) throw new InputError("--to is before --from.");
    const at = options.at === undefined ? null : instant(options.at, "--at");
    const onDemand: OnDemandBackup[] = options.onDemand.map((pair) => {
      const [time, retainUntil, extra] = pair.split("=");
      if (extra !== undefined || !retainUntil) throw new InputError(`--on-demand '${pair}' must be TIME=RETAIN_UNTIL.`);
      const backup = {
        at: instant(time, "--on-demand time"),
        retainUntil: instant(retainUntil, "--on-demand retain-until"),
      };
      if (backup.retainUntil <= backup.at)
        throw new InputError(`--on-demand '${pair}': the retain-until date is not after the backup.`);
      return backup;
    });
    let text: string;
    try {
      text = readFile(options.policy);
    } catch {
      throw new InputError(`Cannot read the policy file ${options.policy}.`);
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new InputError(`${options.policy} is not JSON: ${(error as Error).message}`);
    }
    const imported = importAzurePolicy(document);
    if (!imported.ok) {
      const [issue] = imported.issues;
      throw new InputError(`Invalid policy: ${issue.path || "(document)"}: ${issue.message}`);
    }
    if (options.engine && !engineSimulator) throw new InputError("--engine is not available here.");
    const simulator = options.engine ? engineSimulator! : simulateWithDomain;
    const points = await simulator({ policy: imported.policy, from, to, at, onDemand });
    const recoveryPoints = points.map((point) => ({
      time: isoSeconds(point.time),
      tiers: point.tiers,
      rules: point.rules,
      governingRule: point.governingRule,
      expiresAt: point.expiresAt ? isoSeconds(point.expiresAt) : null,
      snapshotExpiresAt: point.snapshotExpiresAt ? isoSeconds(point.snapshotExpiresAt) : null,
      onDemand: point.onDemand,
    }));
    return { exitCode: 0, stdout: `${JSON.stringify({ recoveryPoints })}\n`, stderr: "" };
  } catch (error) {
    if (error instanceof InputError)
      return { exitCode: 2, stdout: "", stderr: `${error.message.replace(/\s+/g, " ")}\n` };
    throw error;
  }
}
