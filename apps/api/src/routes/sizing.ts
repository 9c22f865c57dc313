import { estimatePartnerOpportunity } from "@mutual/services";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { parseQuery } from "../parse-request.ts";

const QuerySchema = z.object({
  introToDemo: z.coerce.number().min(0).max(1),
  demoToDeal: z.coerce.number().min(0).max(1),
  dealSize: z.coerce.number().finite().nonnegative(),
  overlaps: z.coerce.number().int().nonnegative().optional(),
  partnerId: z.string().min(1).optional(),
});

/** GET /sizing?introToDemo&demoToDeal&dealSize[&overlaps][&partnerId]: addressable pipeline per partner. */
export function createSizingRoutes() {
  return new Hono<AppEnv>().get("/sizing", async (c) => {
    const query = parseQuery(c, QuerySchema);
    return c.json({ sizings: await estimatePartnerOpportunity(c.get("services"), { ...query, orgId: c.get("principal").orgId }) });
  });
}
