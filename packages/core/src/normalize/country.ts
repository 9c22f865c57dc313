import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };

countries.registerLocale(en);

/** Names the English locale lacks that CRMs commonly hold. */
const ALIASES: Record<string, string> = {
  uk: "GB", "great britain": "GB", england: "GB", scotland: "GB", wales: "GB", "northern ireland": "GB",
  america: "US", "united states of america": "US", holland: "NL", "south korea": "KR", "korea": "KR",
  russia: "RU", "czech republic": "CZ", uae: "AE", "ivory coast": "CI", macau: "MO", vietnam: "VN",
};

const cache = new Map<string, string | undefined>();

/** ISO 3166-1 alpha-2 code of a country name or code ("Deutschland" no, "Germany"/"DE"/"DEU" -> "DE"). */
export function normalizeCountry(input: string | undefined): string | undefined {
  if (!input) return undefined;
  const text = input.trim();
  if (text === "") return undefined;
  if (cache.has(text)) return cache.get(text);
  const lower = text.toLowerCase().replace(/\./g, "");
  let code: string | undefined = ALIASES[lower];
  if (!code && text.length === 2 && countries.isValid(text.toUpperCase())) code = text.toUpperCase();
  if (!code && text.length === 3) code = countries.alpha3ToAlpha2(text.toUpperCase());
  code ??= countries.getAlpha2Code(text, "en") ?? countries.getAlpha2Code(lower.replace(/^the /, ""), "en");
  // Bounded: country columns hold a few hundred distinct spellings at most.
  if (cache.size < 10_000) cache.set(text, code);
  return code;
}
