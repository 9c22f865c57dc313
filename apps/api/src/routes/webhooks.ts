import { DOMAIN_EVENT_TYPES, WEBHOOK_DELIVERY_STATES } from "@mutual/db";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { parseJsonBody, parseQuery } from "../parse-request.ts";

const SubscribeBodySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** Event types, or ["*"] for every type. */
  eventTypes: z.array(z.enum([...DOMAIN_EVENT_TYPES, "*"])).min(1),
  /** Only events about this partner org. */
  partnerOrgId: z.string().min(1).optional(),
});
const EnabledBodySchema = z.strictObject({ enabled: z.boolean() });
const DeliveriesQuerySchema = z.strictObject({
  state: z.enum(WEBHOOK_DELIVERY_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/**
 * The org's outbound webhooks: POST /webhooks (the signing secret is in this answer only), GET /webhooks,
 * PATCH /webhooks/:id ({ enabled }), GET /webhooks/:id/deliveries (the delivery log), GET
 * /webhook-deliveries/:id (with every attempt) and POST /webhook-deliveries/:id/replay. Another org's
 * subscription or delivery answers 404, as if it did not exist.
 */
export function createWebhookRoutes() {
  return new Hono<AppEnv>()
    .post("/webhooks", async (c) => {
      const body = await parseJsonBody(c, SubscribeBodySchema);
      const created = await c.get("webhooks").subscribe({ ...body, orgId: c.get("principal").orgId });
      return c.json(created, 201);
    })
    .get("/webhooks", async (c) => c.json({ subscriptions: await c.get("webhooks").listSubscriptions(c.get("principal").orgId) }))
    .patch("/webhooks/:id", async (c) => {
      const { enabled } = await parseJsonBody(c, EnabledBodySchema);
      return c.json(await c.get("webhooks").setSubscriptionEnabled(c.get("principal").orgId, c.req.param("id"), enabled));
    })
    .get("/webhooks/:id/deliveries", async (c) => {
      const filter = parseQuery(c, DeliveriesQuerySchema);
      const deliveries = await c.get("webhooks").listDeliveries(c.get("principal").orgId, c.req.param("id"), filter);
      return c.json({ deliveries });
    })
    .get("/webhook-deliveries/:id", async (c) => c.json(await c.get("webhooks").getDelivery(c.get("principal").orgId, c.req.param("id"))))
    .post("/webhook-deliveries/:id/replay", async (c) => {
      const replay = await c.get("webhooks").replay(c.req.param("id"), { orgId: c.get("principal").orgId });
      // Sent by the worker's next pass.
      return c.json({ delivery: replay }, 202);
    });
}
