import { parse } from "tldts";
import freeMailDomains from "./data/free-email-domains.json" with { type: "json" };
import { registrableDomain } from "./domain.ts";

const FREE_MAIL = new Set<string>(freeMailDomains);

/**
 * Registrable domains that host many companies' pages (social profiles, site builders, link shorteners,
 * directories): a URL on them says nothing about which company it is.
 */
const PLATFORM_DOMAINS = new Set([
  "linkedin.com", "lnkd.in", "facebook.com", "fb.com", "fb.me", "instagram.com", "twitter.com", "x.com",
  "t.co", "youtube.com", "youtu.be", "tiktok.com", "pinterest.com", "threads.net", "github.com", "gitlab.com",
  "medium.com", "substack.com", "crunchbase.com", "angel.co", "wellfound.com", "yelp.com", "glassdoor.com",
  "indeed.com", "bbb.org", "yellowpages.com", "mapquest.com", "foursquare.com", "tripadvisor.com",
  "bit.ly", "bitly.com", "tinyurl.com", "goo.gl", "ow.ly", "buff.ly", "rebrand.ly", "cutt.ly", "is.gd",
  "linktr.ee", "about.me", "wix.com", "wixsite.com", "editorx.io", "weebly.com", "squarespace.com",
  "wordpress.com", "wordpress.org", "blogspot.com", "blogger.com", "tumblr.com", "godaddysites.com",
  "godaddy.com", "webflow.io", "carrd.co", "jimdo.com", "jimdosite.com", "site123.me", "strikingly.com",
  "mystrikingly.com", "webnode.com", "yolasite.com", "business.site", "google.com", "goo.gl", "canva.site",
  "notion.site", "hubspot.com", "hs-sites.com", "shopify.com", "etsy.com", "amazon.com", "ebay.com",
]);

/** Hosts under a company's own domain that are platforms in their own right (google.com itself is a company). */
const PLATFORM_HOST_RE = /^(?:sites|business|maps|docs|drive|forms|groups|plus)\.google\.[a-z.]+$/;

/** Whether a registrable domain is a free or personal mail provider (gmail.com, yahoo.co.uk, ...). */
export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL.has(domain);
}

/** Whether a registrable domain is a shared platform (social profile, site builder, link shortener). */
export function isPlatformDomain(domain: string): boolean {
  return PLATFORM_DOMAINS.has(domain);
}

/**
 * The registrable domain that identifies a company, from a website or an email address; undefined for
 * free-mail providers and shared platforms, whose domain is not the company's.
 */
export function companyDomain(input: string | undefined): string | undefined {
  const domain = registrableDomain(input);
  if (!domain || FREE_MAIL.has(domain)) return undefined;
  if (PLATFORM_DOMAINS.has(domain)) {
    // google.com is Google's own site; sites.google.com/... is someone else's.
    const host = parse(input!.trim().toLowerCase()).hostname ?? "";
    if (domain !== "google.com" || PLATFORM_HOST_RE.test(host)) return undefined;
  }
  return domain;
}

/**
 * Company domain and its brand stem from one parse (the matcher's hot path); see companyDomain and brandStem.
 */
export function parseCompanyDomain(input: string | undefined): { domain?: string; stem?: string } {
  if (!input) return {};
  let text = input.trim().toLowerCase();
  const at = text.lastIndexOf("@");
  if (at >= 0 && !text.includes("/")) text = text.slice(at + 1);
  // Plain "www.acme.com/path" or "https://acme.com": cut the hostname out ourselves and let tldts skip it.
  const host = plainHost(text);
  if (!host || FREE_MAIL.has(host)) return host ? {} : fallbackParse(input);
  const result = parse(host, { allowPrivateDomains: true, extractHostname: false });
  if (result.isIp || !result.domain || (!result.isIcann && !result.isPrivate)) return {};
  const domain = result.domain;
  if (FREE_MAIL.has(domain)) return {};
  if (PLATFORM_DOMAINS.has(domain) && (domain !== "google.com" || PLATFORM_HOST_RE.test(host))) return {};
  const stem = result.isPrivate ? undefined : result.domainWithoutSuffix || undefined;
  return stem ? { domain, stem } : { domain };
}

/**
 * The hostname of a plain lower-cased URL or host, exactly what `/^(?:[a-z][a-z0-9+.-]*:\/\/)?([a-z0-9.-]+)(?::\d+)?(?:[/?#]|$)/`
 * captures (an optional scheme, host characters, an optional port, then a path, query, fragment or the end),
 * without building a match; undefined for anything else.
 */
export function plainHost(text: string): string | undefined {
  let from = 0;
  if (isLower(text.charCodeAt(0))) {
    let i = 1;
    while (i < text.length && isSchemeChar(text.charCodeAt(i))) i++;
    if (text.startsWith("://", i)) from = i + 3;
  }
  let end = from;
  while (end < text.length && isHostChar(text.charCodeAt(end))) end++;
  if (end === from) return undefined;
  let next = end;
  if (text.charCodeAt(next) === 58) {
    let digits = next + 1;
    while (digits < text.length && isDigit(text.charCodeAt(digits))) digits++;
    if (digits > next + 1) next = digits;
  }
  if (next < text.length) {
    const c = text.charCodeAt(next);
    if (c !== 47 && c !== 63 && c !== 35) return undefined;
  }
  return text.slice(from, end);
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHostChar(c: number): boolean {
  return isLower(c) || isDigit(c) || c === 46 || c === 45;
}

function isSchemeChar(c: number): boolean {
  return isHostChar(c) || c === 43;
}

function fallbackParse(input: string): { domain?: string; stem?: string } {
  const domain = companyDomain(input);
  return domain ? { domain, stem: brandStem(domain) } : {};
}

/**
 * Brand stem of a registrable domain: the label before the public suffix ("acme" for acme.co.uk and
 * acme.com). Undefined for hosts under private suffixes (shop.myshopify.com), whose label is not a brand.
 */
export function brandStem(domain: string | undefined): string | undefined {
  if (!domain) return undefined;
  const result = parse(domain, { allowPrivateDomains: true });
  if (result.isPrivate) return undefined;
  return result.domainWithoutSuffix || undefined;
}
