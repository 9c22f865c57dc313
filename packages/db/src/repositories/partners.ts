import { randomUUID } from "node:crypto";
import { AppError, PartnerSchema } from "@mutual/core";
import type { Partner } from "@mutual/core";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { partners } from "../schema/partners.ts";
import { partnerships } from "../schema/partnerships.ts";

const optionalId = { id: z.string().min(1).optional() };
export const CreatePartnerInputSchema = z.discriminatedUnion("kind", [
  PartnerSchema.options[0].extend(optionalId),
  PartnerSchema.options[1].extend(optionalId),
]);
export type CreatePartnerInput = z.input<typeof CreatePartnerInputSchema>;

function mapRowToPartner(row: typeof partners.$inferSelect): Partner {
  const base = { id: row.id, ownerOrgId: row.ownerOrgId, name: row.name };
  if (row.kind === "offline") return { kind: "offline", ...base };
  // The table's check constraint guarantees both ids for org partners.
  return { kind: "org", ...base, partnershipId: row.partnershipId!, partnerOrgId: row.partnerOrgId! };
}

/**
 * Creates a partner for `ownerOrgId`. An org partner must point at a partnership between the owner
 * and the partner org (AppError("invalid_input") otherwise); one partner per partnership and owner.
 */
export async function createPartner(db: Db, input: CreatePartnerInput, options: WriteOptions = {}): Promise<Partner> {
  const parsed = parseInput(CreatePartnerInputSchema, input, "partner");
  if (parsed.kind === "org") {
    const [partnership] = await db.select().from(partnerships).where(eq(partnerships.id, parsed.partnershipId));
    const sides = partnership ? [partnership.inviterOrgId, partnership.inviteeOrgId].sort() : [];
    const expected = [parsed.ownerOrgId, parsed.partnerOrgId].sort();
    if (sides[0] !== expected[0] || sides[1] !== expected[1]) {
      throw new AppError(
        "invalid_input",
        `partnership ${parsed.partnershipId} is not between ${parsed.ownerOrgId} and ${parsed.partnerOrgId}`,
      );
    }
  }
  const [row] = await runWithConflictCheck("this org already has a partner for that partnership", () =>
    db
      .insert(partners)
      .values({
        id: parsed.id ?? randomUUID(),
        ownerOrgId: parsed.ownerOrgId,
        kind: parsed.kind,
        name: parsed.name,
        partnershipId: parsed.kind === "org" ? parsed.partnershipId : null,
        partnerOrgId: parsed.kind === "org" ? parsed.partnerOrgId : null,
        createdAt: formatTimestamp(options),
      })
      .returning(),
  );
  return mapRowToPartner(row!);
}

/** The partner, or AppError("not_found"). */
export async function getPartner(db: Db, id: string): Promise<Partner> {
  const [row] = await db.select().from(partners).where(eq(partners.id, id));
  if (!row) throw new AppError("not_found", `partner ${id} not found`);
  return mapRowToPartner(row);
}

/** The partners one org sees, by name. */
export async function listPartners(db: Db, ownerOrgId: string): Promise<Partner[]> {
  const rows = await db
    .select()
    .from(partners)
    .where(eq(partners.ownerOrgId, ownerOrgId))
    .orderBy(asc(partners.name), asc(partners.id));
  return rows.map(mapRowToPartner);
}
