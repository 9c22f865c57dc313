import type { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { createAttributionRoutes } from "./attribution.ts";
import { createCosellConfigRoutes } from "./cosell-config.ts";
import { createEngagementRoutes } from "./engagements.ts";
import { createOpportunityRoutes } from "./opportunities.ts";
import { createPartnerRoutes } from "./partners.ts";
import { createReferralRoutes } from "./referrals.ts";
import { createSizingRoutes } from "./sizing.ts";
import { createWebhookRoutes } from "./webhooks.ts";

/**
 * Every authenticated resource, one file each, mounted under /v1. Add a resource with one line here
 * (e.g. the organizations, partnerships, populations and sharing routes of issue 6).
 */
export function mountRoutes(v1: Hono<AppEnv>): void {
  // issue 8: co-sell, attribution, review queue, tags, sizing
  v1.route("/", createCosellConfigRoutes());
  v1.route("/", createPartnerRoutes());
  v1.route("/", createEngagementRoutes());
  v1.route("/", createReferralRoutes());
  v1.route("/", createAttributionRoutes());
  v1.route("/", createOpportunityRoutes());
  v1.route("/", createSizingRoutes());
  // issue 7: outbound webhooks (subscriptions, delivery log, replay)
  v1.route("/", createWebhookRoutes());
}
