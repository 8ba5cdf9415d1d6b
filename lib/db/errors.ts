import { z } from "@/lib/zod";

const prismaErrorSchema = z.object({ code: z.string() });

/** A unique index refused the write (Prisma P2002): the database, not a prior check, decides. */
export function isUniqueViolation(error: unknown): boolean {
  return prismaErrorSchema.safeParse(error).data?.code === "P2002";
}

/** A foreign key refused the write (P2003), e.g. the referenced row was deleted meanwhile. */
export function isForeignKeyViolation(error: unknown): boolean {
  return prismaErrorSchema.safeParse(error).data?.code === "P2003";
}
