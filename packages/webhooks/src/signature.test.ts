import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhookPayload, verifyWebhookSignature } from "./signature.ts";

const secret = generateWebhookSecret();
const body = JSON.stringify({ id: "evt_1", type: "overlap.created" });
const t = 1_795_000_000;

describe("webhook signatures", () => {
  it("signs t.body with HMAC-SHA256 in a Stripe-like header", () => {
    const header = signWebhookPayload({ secret: "s3cret", body: "{}", timestamp: 1 });
    // Known value: HMAC-SHA256(key "s3cret", "1.{}") computed independently.
    expect(header).toBe("t=1,v1=3aef069923b329162e71de34136b0ef6ee4b9253867069748da3fc3680c71406");
    expect(verifyWebhookSignature({ body: "{}", header, secret: "s3cret", nowSeconds: 1 })).toEqual({ ok: true, timestamp: 1 });
  });

  it("verifies within the tolerance window and rejects outside it", () => {
    const header = signWebhookPayload({ secret, body, timestamp: t });
    expect(verifyWebhookSignature({ body, header, secret, nowSeconds: t + 299 }).ok).toBe(true);
    expect(verifyWebhookSignature({ body: Buffer.from(body), header, secret, nowSeconds: t - 299 }).ok).toBe(true);
    expect(verifyWebhookSignature({ body, header, secret, nowSeconds: t + 301 })).toEqual({ ok: false, reason: "timestamp_out_of_tolerance" });
    expect(verifyWebhookSignature({ body, header, secret, nowSeconds: t + 3_000, toleranceSeconds: 3_600 }).ok).toBe(true);
  });

  it("rejects a changed body, timestamp, secret or a malformed header", () => {
    const header = signWebhookPayload({ secret, body, timestamp: t });
    const at = { nowSeconds: t };
    expect(verifyWebhookSignature({ body: body.replace("created", "removed"), header, secret, ...at })).toEqual({ ok: false, reason: "signature_mismatch" });
    expect(verifyWebhookSignature({ body, header: header.replace(`t=${t}`, `t=${t + 1}`), secret, ...at })).toEqual({ ok: false, reason: "signature_mismatch" });
    expect(verifyWebhookSignature({ body, header, secret: generateWebhookSecret(), ...at })).toEqual({ ok: false, reason: "signature_mismatch" });
    for (const bad of [undefined, "", "v1=abc", `t=${t}`, `t=x,v1=${"0".repeat(64)}`]) {
      expect(verifyWebhookSignature({ body, header: bad, secret, ...at })).toEqual({ ok: false, reason: "malformed_header" });
    }
  });

  it("accepts any of several secrets and signatures (rotation)", () => {
    const old = generateWebhookSecret();
    const header = signWebhookPayload({ secret: old, body, timestamp: t });
    expect(verifyWebhookSignature({ body, header, secret: [secret, old], nowSeconds: t }).ok).toBe(true);
    const both = `${header},v1=${signWebhookPayload({ secret, body, timestamp: t }).split("v1=")[1]}`;
    expect(verifyWebhookSignature({ body, header: both, secret, nowSeconds: t }).ok).toBe(true);
  });
});
