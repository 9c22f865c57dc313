import { AppError, computeCosellScore } from "@mutual/core";
import type { CosellScore, IcpAccount, Partner } from "@mutual/core";
import { accounts, getCosellSettings, listPartners } from "@mutual/db";
import type { CosellSettings, DisclosureChannel } from "@mutual/db";
import { and, eq, isNull } from "drizzle-orm";
import type { ServiceContext } from "../context.ts";
import { loadPartnerSignals, type PartnerSignals } from "./load-partner-signals.ts";

/** My org's own live accounts (not offline partners' lists) with their ICP score. */
export function loadOwnAccounts(ctx: ServiceContext, orgId: string): IcpAccount[] {
  return ctx.db
    .select({ id: accounts.id, name: accounts.name, icpScore: accounts.icpScore })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), isNull(accounts.offlinePartnerId), isNull(accounts.deletedAt)))
    .all()
    .map((row) => ({ id: row.id, name: row.name, ...(row.icpScore !== null && { icpScore: row.icpScore }) }));
}

export interface PartnerScores {
  partners: Partner[];
  settings: CosellSettings;
  ownAccounts: IcpAccount[];
  signals: PartnerSignals[];
  /** Every (account, partner) score, full precision. */
  scores: CosellScore[];
}

/**
 * Co-sell scores of every account of the org against each of its partners (or one), from what each
 * partner shares through the sharing read path.
 */
export async function collectPartnerScores(
  ctx: ServiceContext,
  input: { orgId: string; partnerId?: string; channel?: DisclosureChannel },
): Promise<PartnerScores> {
  const settings = await getCosellSettings(ctx.db, input.orgId);
  const all = await listPartners(ctx.db, input.orgId);
  const partners = input.partnerId === undefined ? all : all.filter((p) => p.id === input.partnerId);
  if (input.partnerId !== undefined && partners.length === 0) {
    throw new AppError("not_found", `partner ${input.partnerId} not found`);
  }
  const ownAccounts = loadOwnAccounts(ctx, input.orgId);
  const accountIds = ownAccounts.map((a) => a.id);
  const signals: PartnerSignals[] = [];
  for (const partner of partners) {
    signals.push(
      await loadPartnerSignals(ctx, {
        orgId: input.orgId,
        partner,
        accountIds,
        config: settings.cosell,
        ...(input.channel && { channel: input.channel }),
      }),
    );
  }
  const scores = signals.flatMap((s) => s.facts.map((facts) => computeCosellScore(facts, settings.cosell)));
  return { partners, settings, ownAccounts, signals, scores };
}
