import { createServer } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { headers: IncomingHttpHeaders; body: string };

/**
 * A loopback HTTP receiver for tests: records every request and answers with the status the
 * `respond` function picks (or hangs when it returns "hang").
 */
export async function startWebhookReceiver(respond: (request: ReceivedRequest, index: number) => number | "hang" = () => 200) {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      const status = respond(request, received.length - 1);
      if (status === "hang") return;
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Distinct delivery ids, as a receiver that dedupes on `Mutual-Delivery-Id` would process them. */
    processedDeliveryIds(): string[] {
      return [...new Set(received.map((r) => String(r.headers["mutual-delivery-id"])))];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
