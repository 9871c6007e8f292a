// Every server action starts by checking the session: a request without one changes nothing and
// reads nothing. (The sign-in set-up action is the one exception: it works with a one-time token.)
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return actionFiles(full);
    return name === "actions.ts" && readFileSync(full, "utf8").startsWith('"use server";') ? [full] : [];
  });
}

it("every server action of the portal checks the session before anything else", () => {
  const files = actionFiles("app");
  expect(files.length).toBeGreaterThan(5);
  let checked = 0;
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/export async function (\w+)\([^)]*\)[^{]*\{\n\s*(.*)\n/g)) {
      const [, name, firstStatement] = match;
      if (file.includes(path.join("(auth)")) && (name === "setupOwnerAction" || name === "signOutAction")) continue;
      expect(firstStatement, `${file}: ${name}`).toMatch(/^(const actor = )?await requireActor\(\);$/);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(25);
});
