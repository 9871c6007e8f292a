import { readFileSync } from "node:fs";
import { runSimulate } from "@/lib/cli/simulate";

const result = runSimulate(process.argv.slice(2), (path) => readFileSync(path, "utf8"));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
