import { randomUUID } from "node:crypto";
import { AppError, PartnershipStatusSchema, canChangePartnershipStatus } from "@mutual/core";
import type { Partnership, PartnershipStatus } from "@mutual/core";
import { and, desc, eq, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { reusePrepared } from "../internal/prepared.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { partnerships } from "../schema/partnerships.ts";

export const CreatePartnershipInputSchema = z
  .object({
    id: z.string().min(1).optional(),
    inviterOrgId: z.string().min(1),
    inviteeOrgId: z.string().min(1),
  })
  .refine((input) => input.inviterOrgId !== input.inviteeOrgId, {
    message: "an organization cannot partner with itself",
    path: ["inviteeOrgId"],
  });
export type CreatePartnershipInput = z.input<typeof CreatePartnershipInputSchema>;

function mapRowToPartnership(row: typeof partnerships.$inferSelect): Partnership {
  const partnership: Partnership = {
    id: row.id,
    inviterOrgId: row.inviterOrgId,
    inviteeOrgId: row.inviteeOrgId,
    status: row.status,
    createdAt: row.createdAt,
  };
  if (row.acceptedAt !== null) partnership.acceptedAt = row.acceptedAt;
  if (row.endedAt !== null) partnership.endedAt = row.endedAt;
  return partnership;
}

/** Invites an org; AppError("conflict") while the two orgs already have a partnership that is not ended. */
export async function createPartnership(
  db: Db,
  input: CreatePartnershipInput,
  options: WriteOptions = {},
): Promise<Partnership> {
  const parsed = parseInput(CreatePartnershipInputSchema, input, "partnership");
  const { inviterOrgId, inviteeOrgId } = parsed;
  const now = formatTimestamp(options);
  const row = await runWithConflictCheck("partnership already exists", () =>
    db.transaction((tx) => {
      const current = tx
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(
          and(
            ne(partnerships.status, "ended"),
            or(
              and(eq(partnerships.inviterOrgId, inviterOrgId), eq(partnerships.inviteeOrgId, inviteeOrgId)),
              and(eq(partnerships.inviterOrgId, inviteeOrgId), eq(partnerships.inviteeOrgId, inviterOrgId)),
            ),
          ),
        )
        .get();
      if (current) {
        throw new AppError("conflict", `organizations already have partnership ${current.id}`);
      }
      return tx
        .insert(partnerships)
        .values({ id: parsed.id ?? randomUUID(), inviterOrgId, inviteeOrgId, status: "invited", createdAt: now, updatedAt: now })
        .returning()
        .get();
    }, WRITE_TRANSACTION),
  );
  return mapRowToPartnership(row);
}

/** The partnership, or AppError("not_found"). */
export async function getPartnership(db: Db, id: string): Promise<Partnership> {
  const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id));
  if (!row) throw new AppError("not_found", `partnership ${id} not found`);
  return mapRowToPartnership(row);
}

/** Partnerships the org is on either side of, newest first. */
export async function listPartnerships(db: Db, orgId: string): Promise<Partnership[]> {
  // Prepared once per connection: the sync worker lists the partnerships of every partner org each pass.
  const select = reusePrepared(db, "partnerships.ofOrg", () =>
    db
      .select()
      .from(partnerships)
      .where(or(eq(partnerships.inviterOrgId, sql.placeholder("orgId")), eq(partnerships.inviteeOrgId, sql.placeholder("orgId"))))
      .orderBy(desc(partnerships.createdAt), desc(partnerships.id))
      .prepare(),
  );
  return select.all({ orgId }).map(mapRowToPartnership);
}

/**
 * Moves a partnership to `status` if the lifecycle allows it from the current one; otherwise
 * AppError("conflict"). The update is conditional on the status read, so a concurrent change loses cleanly.
 */
export async function changePartnershipStatus(
  db: Db,
  id: string,
  status: PartnershipStatus,
  options: WriteOptions = {},
): Promise<Partnership> {
  const target = parseInput(PartnershipStatusSchema, status, "partnership status");
  const current = await getPartnership(db, id);
  if (!canChangePartnershipStatus(current.status, target)) {
    throw new AppError("conflict", `partnership ${id} cannot go from ${current.status} to ${target}`);
  }
  const now = formatTimestamp(options);
  const [row] = await db
    .update(partnerships)
    .set({
      status: target,
      updatedAt: now,
      // First acceptance only; resuming from paused keeps the original date.
      ...(current.status === "invited" && target === "active" && { acceptedAt: now }),
      ...(target === "ended" && { endedAt: now }),
    })
    .where(and(eq(partnerships.id, id), eq(partnerships.status, current.status)))
    .returning();
  if (!row) throw new AppError("conflict", `partnership ${id} changed concurrently; retry`);
  return mapRowToPartnership(row);
}
