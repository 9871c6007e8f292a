// The endpoints clients poll after a 202: an operation's status (…/operations/{id},
// …/operationsStatus/{id}, …/backupOperations/{id}) and its result (…/operationResults/{id}).
import { armJson, type ArmRequest } from "./http";
import { type ArmOperation, type ArmVault, operationOf } from "./lookup";
import { operationStatus } from "./resources";

type Handler = (request: ArmRequest, vault: ArmVault) => Promise<Response>;

/** The status: done, with the job the operation created (`jobs`: policy operations list theirs). */
export function operationStatusOf(kind: "job" | "jobs"): Handler {
  return async (request, vault) => {
    const operation = await operationOf(request, vault);
    return operation instanceof Response ? operation : armJson(operationStatus(operation, kind));
  };
}

/** The result: the resource as it is now (200), or nothing when there is none to return (204). */
export function operationResultOf(
  current: (request: ArmRequest, vault: ArmVault, operation: ArmOperation) => Promise<Response | null> = async () =>
    null,
): Handler {
  return async (request, vault) => {
    const operation = await operationOf(request, vault);
    if (operation instanceof Response) return operation;
    return (await current(request, vault, operation)) ?? new Response(null, { status: 204 });
  };
}
