import { DisclosureChannelSchema } from "@mutual/db";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { requireMember } from "./require-member.ts";

/** A person (a member of the viewing org) or the viewing org itself, for deliveries such as CRM push. */
export const ViewerSchema = z.union([
  z.object({ userId: z.string().min(1) }).strict(),
  z.object({ orgId: z.string().min(1) }).strict(),
]);
export const PartnerRefSchema = z.union([
  z.object({ orgId: z.string().min(1) }).strict(),
  z.object({ offlinePartnerId: z.string().min(1) }).strict(),
]);
export const ChannelSchema = DisclosureChannelSchema;

/** The viewing org (and user), checking the user exists. */
export async function resolveViewer(ctx: ServiceContext, viewer: z.output<typeof ViewerSchema>): Promise<{ orgId: string; userId?: string }> {
  if ("orgId" in viewer) return { orgId: viewer.orgId };
  const user = await requireMember(ctx.db, viewer.userId);
  return { orgId: user.orgId, userId: user.id };
}
