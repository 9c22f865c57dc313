import { recordReferral, RecordReferralServiceInputSchema } from "@mutual/services";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { parseJsonBody } from "../parse-request.ts";

const BodySchema = RecordReferralServiceInputSchema.omit({ orgId: true, createdBy: true });

/** POST /referrals: a referral or introduction from a partner that my team accepted. */
export function createReferralRoutes() {
  return new Hono<AppEnv>().post("/referrals", async (c) => {
    const body = await parseJsonBody(c, BodySchema);
    const { orgId, actor } = c.get("principal");
    return c.json(await recordReferral(c.get("services"), { ...body, orgId, createdBy: actor }), 201);
  });
}
