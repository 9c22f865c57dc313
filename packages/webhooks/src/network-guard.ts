import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import type { LookupFunction } from "node:net";
import { AppError } from "@mutual/core";

export type ResolvedAddress = { address: string; family: 4 | 6 };
/** Every address a host name resolves to (injectable so tests can fake DNS). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export const resolveHostWithDns: ResolveHost = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

// Address ranges a webhook must not reach: the worker's own host, its network, cloud metadata services, and
// ranges that are not unicast on the public internet (IANA special-purpose registries). BlockList also matches
// IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against the IPv4 rules. The documentation ranges (192.0.2.0/24,
// 2001:db8::/32, ...) are left alone: nothing routes them.
const BLOCKED: Array<[reason: string, subnets: Array<[string, number, "ipv4" | "ipv6"]>]> = [
  ["unspecified", [["0.0.0.0", 8, "ipv4"], ["::", 128, "ipv6"]]],
  ["loopback", [["127.0.0.0", 8, "ipv4"], ["::1", 128, "ipv6"]]],
  ["private", [["10.0.0.0", 8, "ipv4"], ["172.16.0.0", 12, "ipv4"], ["192.168.0.0", 16, "ipv4"], ["fc00::", 7, "ipv6"], ["fec0::", 10, "ipv6"]]],
  ["link-local", [["169.254.0.0", 16, "ipv4"], ["fe80::", 10, "ipv6"]]],
  // 169.254.169.254 (AWS, GCP, Azure) is link-local above; Alibaba Cloud's metadata service lives here.
  ["metadata", [["100.100.100.200", 32, "ipv4"]]],
  // Carrier-grade NAT (RFC 6598): a provider's internal network, not the internet.
  ["shared (carrier-grade NAT)", [["100.64.0.0", 10, "ipv4"]]],
  ["multicast", [["224.0.0.0", 4, "ipv4"], ["ff00::", 8, "ipv6"]]],
  [
    "reserved",
    [
      ["192.0.0.0", 24, "ipv4"], // IETF protocol assignments (NAT64 discovery, DS-Lite)
      ["198.18.0.0", 15, "ipv4"], // benchmarking, used inside data centres
      ["240.0.0.0", 4, "ipv4"], // reserved, and the broadcast address
      ["::", 96, "ipv6"], // IPv4-compatible (deprecated): ::127.0.0.1
      ["100::", 64, "ipv6"], // discard-only
      ["64:ff9b:1::", 48, "ipv6"], // local-use NAT64 (RFC 8215): translates into the operator's own network
      ["2001::", 32, "ipv6"], // Teredo: an IPv4 address tunnelled, obfuscated
    ],
  ],
];

/**
 * NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses reach the IPv4 address they carry: each IPv4 rule also
 * blocks its image under both prefixes ("loopback (through NAT64)" for 64:ff9b::7f00:1).
 */
function translatedSubnets(subnets: Array<[string, number, "ipv4" | "ipv6"]>, through: "NAT64" | "6to4"): Array<[string, number, "ipv6"]> {
  return subnets
    .filter(([, , type]) => type === "ipv4")
    .map(([network, prefix]) => {
      if (through === "NAT64") return [`64:ff9b::${network}`, 96 + prefix, "ipv6"];
      const [a, b, c, d] = network.split(".").map(Number) as [number, number, number, number];
      const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
      return [`2002:${hex(a, b)}:${hex(c, d)}::`, 16 + prefix, "ipv6"];
    });
}

const BLOCK_LISTS = [
  ...BLOCKED,
  ...BLOCKED.map(([reason, subnets]): (typeof BLOCKED)[number] => [`${reason} (through NAT64)`, translatedSubnets(subnets, "NAT64")]),
  ...BLOCKED.map(([reason, subnets]): (typeof BLOCKED)[number] => [`${reason} (through 6to4)`, translatedSubnets(subnets, "6to4")]),
].map(([reason, subnets]) => {
  const list = new BlockList();
  for (const [network, prefix, type] of subnets) list.addSubnet(network, prefix, type);
  return { reason, list };
});

/** Why `address` is not a public address ("loopback", "private", ...), or undefined when it is. */
export function describeBlockedAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  return BLOCK_LISTS.find(({ list }) => list.check(address, family === 6 ? "ipv6" : "ipv4"))?.reason;
}

/** Throws AppError("invalid_input") naming the first non-public address among `addresses`. */
export function assertPublicAddresses(hostname: string, addresses: readonly ResolvedAddress[]): void {
  if (addresses.length === 0) throw new AppError("invalid_input", `webhook host ${hostname} resolves to no address`);
  for (const { address } of addresses) {
    const reason = describeBlockedAddress(address);
    if (reason) {
      throw new AppError("invalid_input", `webhook host ${hostname} resolves to ${reason} address ${address}; refused (allowPrivateNetworks is off)`);
    }
  }
}

export type NetworkGuard = { resolveHost: ResolveHost; allowPrivateNetworks: boolean };

/** Parses a subscription URL: http(s) only. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("invalid_input", `webhook URL is not a valid URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new AppError("invalid_input", `webhook URL must be http(s): ${raw}`);
  return url;
}

/** The URL's host when it is an IP literal (IPv6 without brackets); net connects to those without a lookup. */
export function literalAddressOf(url: URL): ResolvedAddress | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const family = isIP(host);
  return family === 0 ? undefined : { address: host, family: family as 4 | 6 };
}

/** Refuses an IP-literal URL host that is not public (host names are checked by createGuardedLookup). */
export function assertLiteralHostAllowed(url: URL, guard: NetworkGuard): void {
  const literal = literalAddressOf(url);
  if (literal && !guard.allowPrivateNetworks) assertPublicAddresses(literal.address, [literal]);
}

/**
 * Checks a subscription URL at subscribe time: http(s) only and, unless private networks are allowed, a host
 * resolving to public addresses only. The send path checks again at connect time (createGuardedLookup).
 */
export async function assertDeliverableUrl(raw: string, guard: NetworkGuard): Promise<URL> {
  const url = parseWebhookUrl(raw);
  if (guard.allowPrivateNetworks) return url;
  const literal = literalAddressOf(url);
  const addresses = literal ? [literal] : await resolveOrExplain(guard.resolveHost, url.hostname);
  assertPublicAddresses(url.hostname, addresses);
  return url;
}

async function resolveOrExplain(resolveHost: ResolveHost, host: string): Promise<ResolvedAddress[]> {
  try {
    return await resolveHost(host);
  } catch (caught) {
    throw new AppError("invalid_input", `webhook host ${host} cannot be resolved: ${(caught as Error).message}`, { cause: caught });
  }
}

/**
 * A net/http `lookup` that resolves with `resolveHost` and refuses non-public addresses: the check runs on
 * the very addresses the socket connects to, so a host that re-resolves to 127.0.0.1 after the subscribe-time
 * check (DNS rebinding) is still refused. IP-literal hosts skip lookup in net; check those with assertDeliverableUrl.
 */
export function createGuardedLookup(guard: NetworkGuard): LookupFunction {
  return (hostname, options, callback) => {
    guard
      .resolveHost(hostname)
      .then((addresses) => {
        if (!guard.allowPrivateNetworks) assertPublicAddresses(hostname, addresses);
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const first = wanted[0];
        if (!first) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
        if (options.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      })
      .catch((error: unknown) => callback(error as NodeJS.ErrnoException, "", 0));
  };
}
