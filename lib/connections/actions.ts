"use server";

import { revalidatePath } from "next/cache";
import { connectionKinds } from "./kinds";
import { createConnection, type CreateConnectionResult } from "./service";

/** Server action behind the Configure step's Create button; the service's zod parse decides. */
export async function createConnectionAction(input: unknown): Promise<CreateConnectionResult> {
  try {
    const result = await createConnection(input);
    if (result.ok) {
      for (const { basePath } of Object.values(connectionKinds)) revalidatePath(basePath);
    }
    return result;
  } catch (error) {
    console.error(`[connections] creating failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`);
    return { ok: false, message: "Something went wrong on our side while creating it. Nothing was stored; please try again." };
  }
}
