import { parse } from "tldts";

/**
 * Registrable domain ("acme.co.uk") of a website, URL or email address, lower-cased; undefined
 * when there is none (IP addresses, bare suffixes, garbage). Private suffixes count, so
 * `shop.myshopify.com` stays distinct from other shops.
 */
export function registrableDomain(input: string | undefined): string | undefined {
  if (!input) return undefined;
  let text = input.trim().toLowerCase();
  if (text === "") return undefined;
  const at = text.lastIndexOf("@");
  if (at >= 0 && !text.includes("/")) text = text.slice(at + 1);
  const result = parse(text, { allowPrivateDomains: true });
  if (result.isIp || !result.domain || (!result.isIcann && !result.isPrivate)) return undefined;
  return result.domain;
}
