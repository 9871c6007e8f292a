"use client";

import { useState } from "react";
import { secondaryButtonClass } from "@/components/forms/field";
import { CloseButton, SidePanel } from "./side-panel";

/** Essentials' JSON View: the resource as the REST API returns it (one representation for both). */
export function JsonView({ resourceId, json }: { resourceId: string; json: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <SidePanel
      title="Resource JSON"
      description="As the REST API (/api/arm) returns it"
      trigger={
        <button type="button" className="text-[12px] text-primary hover:underline">
          JSON View
        </button>
      }
      footer={<CloseButton>Close</CloseButton>}
    >
      <label className="flex flex-col gap-1 text-[12px]">
        <span className="font-semibold">Resource ID</span>
        <span className="flex gap-2">
          <input
            readOnly
            value={resourceId}
            className="h-8 min-w-0 flex-1 rounded-sm border border-border-strong px-2 font-mono text-[12px]"
          />
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => navigator.clipboard.writeText(resourceId).then(() => setCopied(true))}
          >
            {copied ? "Copied" : "Copy"}
          </button>
        </span>
      </label>
      <pre
        aria-label="Resource JSON"
        className="mt-3 overflow-auto rounded-sm border border-border bg-surface-muted p-3 font-mono text-[12px] leading-5"
      >
        {json}
      </pre>
    </SidePanel>
  );
}
