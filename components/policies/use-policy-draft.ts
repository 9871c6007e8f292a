"use client";

import { useMemo, useState } from "react";
import { draftToProperties, type PolicyDraft } from "@/lib/domain/policy/draft";

/** A policy draft with an immutable update helper and the Azure properties it stands for. */
export function usePolicyDraft(initial: PolicyDraft) {
  const [draft, setDraft] = useState(initial);
  const update = (change: (draft: PolicyDraft) => void) =>
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });
  const properties = useMemo(() => draftToProperties(draft), [draft]);
  return { draft, update, properties };
}
