"use client";

import { useEffect } from "react";
import type { FieldValues, UseFormWatch } from "react-hook-form";

/** A credential's name and description as typed so far. */
export interface CredentialDetails {
  name: string;
  description: string;
}

/**
 * Tells `report` the name and description as they are typed, so the Add New Credential overlay
 * can hand them to the other form when the person switches between API Key and OAuth.
 */
export function useDetailsReport<Values extends FieldValues>(
  watch: UseFormWatch<Values>,
  report: ((details: CredentialDetails) => void) | undefined,
) {
  useEffect(() => {
    if (!report) return;
    const subscription = watch((values) =>
      report({ name: String(values.name ?? ""), description: String(values.description ?? "") }),
    );
    return () => subscription.unsubscribe();
  }, [watch, report]);
}
