import { randomUUID } from "node:crypto";
import { SharingRuleSchema } from "@mutual/core";
import type { SharingRule } from "@mutual/core";
import { and, asc, eq, gte, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../database.ts";
import { reusePrepared } from "../internal/prepared.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { populations } from "../schema/populations.ts";
import { sharingRules } from "../schema/sharing-rules.ts";

/** Input as the core schema accepts it (`fieldAllowlist` defaults to name and website). */
export type SharingRuleInput = z.input<typeof SharingRuleSchema>;

export type StoredSharingRule = SharingRule & { id: string; updatedAt: string };

function mapRowToSharingRule(row: typeof sharingRules.$inferSelect): StoredSharingRule {
  const rule: StoredSharingRule = {
    id: row.id,
    populationId: row.populationId,
    level: row.level,
    fieldAllowlist: row.fieldAllowlist,
    updatedAt: row.updatedAt,
  };
  if (row.partnerOrgId !== null) rule.partnerOrgId = row.partnerOrgId;
  return rule;
}

/**
 * Sets the rule for a population, as the org-wide default (no `partnerOrgId`) or for one partner
 * org, replacing the level and allowlist of an existing one.
 */
export async function upsertSharingRule(
  db: Db,
  input: SharingRuleInput,
  options: WriteOptions = {},
): Promise<StoredSharingRule> {
  const rule = parseInput(SharingRuleSchema, input, "sharing rule");
  const now = formatTimestamp(options);
  const values = {
    id: randomUUID(),
    populationId: rule.populationId,
    partnerOrgId: rule.partnerOrgId ?? null,
    level: rule.level,
    fieldAllowlist: rule.fieldAllowlist,
    updatedAt: now,
  };
  const set = { level: rule.level, fieldAllowlist: rule.fieldAllowlist, updatedAt: now };
  // The conflict target names the matching partial unique index (default vs per-partner rule).
  const conflict =
    rule.partnerOrgId === undefined
      ? { target: sharingRules.populationId, targetWhere: isNull(sharingRules.partnerOrgId), set }
      : {
          target: [sharingRules.populationId, sharingRules.partnerOrgId],
          targetWhere: isNotNull(sharingRules.partnerOrgId),
          set,
        };
  const [row] = await runWithConflictCheck("sharing rule conflict", () =>
    db.insert(sharingRules).values(values).onConflictDoUpdate(conflict).returning(),
  );
  return mapRowToSharingRule(row!);
}

/** The rule for a population and partner org (or the default when `partnerOrgId` is omitted), if set. */
export async function findSharingRule(
  db: Db,
  populationId: string,
  partnerOrgId?: string,
): Promise<StoredSharingRule | undefined> {
  const [row] = await db
    .select()
    .from(sharingRules)
    .where(
      and(
        eq(sharingRules.populationId, populationId),
        partnerOrgId === undefined ? isNull(sharingRules.partnerOrgId) : eq(sharingRules.partnerOrgId, partnerOrgId),
      ),
    );
  return row ? mapRowToSharingRule(row) : undefined;
}

/** Every sharing rule over the org's populations, defaults before per-partner overrides. */
export async function listSharingRules(db: Db, orgId: string): Promise<StoredSharingRule[]> {
  // Prepared once per connection: the sync worker reads the rules of every partner org each pass.
  const select = reusePrepared(db, "sharing_rules.ofOrg", () =>
    db
      .select({ rule: sharingRules })
      .from(sharingRules)
      .innerJoin(populations, eq(populations.id, sharingRules.populationId))
      .where(eq(populations.orgId, sql.placeholder("orgId")))
      .orderBy(
        asc(sharingRules.populationId),
        // Explicit so defaults sort first in every dialect (NULL ordering differs between SQLite and Postgres).
        sql`${sharingRules.partnerOrgId} is not null`,
        asc(sharingRules.partnerOrgId),
      )
      .prepare(),
  );
  return select.all({ orgId }).map(({ rule }) => mapRowToSharingRule(rule));
}

/**
 * Sharing rules of the given owner orgs set or changed after `since`: which org's rules changed, and for
 * which partner (null: an org-wide default, every partner). The sync worker re-announces the partner's view
 * of a partnership after its owner's rules changed.
 */
export async function listSharingRuleChangesSince(
  db: Db,
  ownerOrgIds: readonly string[],
  since: Date,
): Promise<{ ownerOrgId: string; partnerOrgId: string | null }[]> {
  if (ownerOrgIds.length === 0) return [];
  return db
    .selectDistinct({ ownerOrgId: populations.orgId, partnerOrgId: sharingRules.partnerOrgId })
    .from(sharingRules)
    .innerJoin(populations, eq(populations.id, sharingRules.populationId))
    .where(and(inArray(populations.orgId, [...ownerOrgIds]), gte(sharingRules.updatedAt, since.toISOString())))
    .all();
}
