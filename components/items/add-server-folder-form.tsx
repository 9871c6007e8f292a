"use client";

import type { ServerAction } from "@/components/forms/action-state";
import { useState } from "react";
import { Field, inputClass, secondaryButtonClass } from "@/components/forms/field";
import { ActionMessage } from "@/components/portal/side-panel";
import { usePanelAction } from "@/components/portal/use-panel-action";

/** Configure backup for files and folders: a folder of a Backup Agent server typed by hand, beside those the agent reported. */
export function AddServerFolderForm({
  addFolder,
  vaultId,
  servers,
}: {
  addFolder: ServerAction<{ vaultId: string; serverId: string; path: string }>;
  vaultId: string;
  servers: Array<{ id: string; name: string }>;
}) {
  const [serverId, setServerId] = useState(servers[0]?.id ?? "");
  const [path, setPath] = useState("");
  const action = usePanelAction("Add folder to back up", () => setPath(""));
  const errors = action.state?.fieldErrors ?? {};
  return (
    <form
      className="mb-6 max-w-[880px] rounded-sm border border-border p-3"
      onSubmit={(event) => {
        event.preventDefault();
        action.run(() => addFolder({ vaultId, serverId, path }));
      }}
    >
      <h2 className="mb-1 text-[15px] font-semibold">Another folder</h2>
      <p className="mb-2 text-text-secondary">
        The list offers the top-level folders the Backup Agent reported. Type any other folder of a registered server by
        its absolute path.
      </p>
      <div className="flex flex-wrap items-start gap-3">
        <Field id="add-folder-server" label="Server" errors={errors.serverId}>
          <select
            id="add-folder-server"
            className={`${inputClass} w-64`}
            value={serverId}
            onChange={(event) => setServerId(event.target.value)}
          >
            {servers.map((server) => (
              <option key={server.id} value={server.id}>
                {server.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="add-folder-path" label="Folder" errors={errors.path}>
          <input
            id="add-folder-path"
            className={`${inputClass} w-96 font-mono`}
            placeholder="/srv/data"
            value={path}
            onChange={(event) => setPath(event.target.value)}
            aria-invalid={errors.path ? true : undefined}
          />
        </Field>
        <button
          type="submit"
          className={`${secondaryButtonClass} mt-6`}
          disabled={action.pending || path.trim() === ""}
        >
          {action.pending ? "Adding…" : "Add folder"}
        </button>
      </div>
      {action.state?.fieldErrors ? null : <ActionMessage state={action.state} />}
    </form>
  );
}
