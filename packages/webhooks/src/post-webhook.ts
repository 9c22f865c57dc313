import { request as httpRequest } from "node:http";
import type { IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { readResponseSnippet } from "./read-response-snippet.ts";

export type WebhookResponse = { status: number; snippet: string };

/**
 * POSTs one delivery with node:http(s) so the connection goes through `lookup` (the network guard); redirects
 * are not followed. The timeout covers connect, answer and the snippet read, and rejects with its TimeoutError.
 */
export async function postWebhook(
  url: URL,
  input: { headers: Record<string, string>; body: string; timeoutMs: number; lookup: LookupFunction; snippetChars: number },
): Promise<WebhookResponse> {
  const signal = AbortSignal.timeout(input.timeoutMs);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      // agent: false: a fresh connection per delivery, never a pooled socket opened without the guard.
      const req = send(url, { method: "POST", headers: { ...input.headers, "content-length": Buffer.byteLength(input.body) }, lookup: input.lookup, agent: false, signal });
      req.once("response", resolve);
      req.once("error", reject);
      req.end(input.body);
    });
    return { status: response.statusCode ?? 0, snippet: await readResponseSnippet(response, input.snippetChars) };
  } catch (caught) {
    // Report the timeout itself rather than the AbortError/ECONNRESET it caused.
    throw signal.aborted ? signal.reason : caught;
  }
}
