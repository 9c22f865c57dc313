import type { Account, Opportunity } from "@mutual/core";
import { openDatabase, upsertAccounts, upsertOpportunities } from "@mutual/db";
import { afterEach, beforeEach } from "vitest";
import type { ServiceContext } from "../context.ts";
import { createOrganizationWithAdmin } from "../organizations/create-organization-with-admin.ts";
import { acceptInvitation } from "../partnerships/accept-invitation.ts";
import { inviteOrganization } from "../partnerships/invite-organization.ts";
import { setSharingRule } from "../sharing/set-sharing-rule.ts";
import type { SharingLevel } from "@mutual/core";

export const NOW = new Date("2026-11-20T10:00:00.000Z");

/** Test helper: a fresh in-memory database (migrations applied) and a fixed clock per test. */
export function useServiceContext(): ServiceContext {
  const ctx = { now: () => NOW } as ServiceContext;
  let close = () => {};
  beforeEach(() => {
    const handle = openDatabase({ file: ":memory:" });
    ctx.db = handle.db;
    close = handle.close;
  });
  afterEach(() => close());
  return ctx;
}

export interface TestOrg {
  orgId: string;
  adminId: string;
  /** Population id by standard key. */
  populations: Record<"customers" | "open_opportunities" | "prospects", string>;
}

/** An org with its admin, standard populations and (optionally) accounts and opportunities from "csv". */
export async function seedOrg(
  ctx: ServiceContext,
  name: string,
  accounts: Account[] = [],
  opportunities: Opportunity[] = [],
): Promise<TestOrg> {
  const { organization, admin, populations } = await createOrganizationWithAdmin(ctx, {
    name,
    admin: { email: `admin@${name.toLowerCase().replace(/[^a-z0-9]/g, "")}.test` },
  });
  if (accounts.length > 0) await upsertAccounts(ctx.db, organization.id, "csv", accounts, { now: NOW });
  if (opportunities.length > 0) await upsertOpportunities(ctx.db, organization.id, "csv", opportunities, { now: NOW });
  const byKey = Object.fromEntries(populations.map((p) => [p.standardKey, p.id])) as TestOrg["populations"];
  return { orgId: organization.id, adminId: admin.id, populations: byKey };
}

/** Invite + accept: an active partnership with overlaps computed. */
export async function partner(ctx: ServiceContext, inviter: TestOrg, invitee: TestOrg): Promise<string> {
  const partnership = await inviteOrganization(ctx, { actorUserId: inviter.adminId, inviteeOrgId: invitee.orgId });
  await acceptInvitation(ctx, { actorUserId: invitee.adminId, partnershipId: partnership.id });
  return partnership.id;
}

/** Shares every standard population of `org` at one level (org-wide default). */
export async function shareAll(ctx: ServiceContext, org: TestOrg, level: SharingLevel, fieldAllowlist?: string[]): Promise<void> {
  for (const populationId of Object.values(org.populations)) {
    await setSharingRule(ctx, { actorUserId: org.adminId, populationId, level, ...(fieldAllowlist && { fieldAllowlist }) });
  }
}

export function company(id: string, name: string, extra: Partial<Account> = {}): Account {
  const slug = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return { id, name, website: `https://www.${slug}.com`, ...extra };
}
