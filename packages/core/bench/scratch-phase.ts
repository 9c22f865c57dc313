import { generateLists } from "../bench/synthetic-accounts.ts";
import { extractFeatures } from "../src/matching/features.ts";
import { normalizeCompanyName } from "../src/normalize/company-name.ts";
import { parseCompanyDomain } from "../src/normalize/company-domain.ts";
import { normalizePhone } from "../src/normalize/phone.ts";
import { parse } from "tldts";
const { left, right } = generateLists(100000);
const all = [...left, ...right];
const t = (label: string, fn: () => void) => { const s = performance.now(); fn(); console.log(label, ((performance.now() - s) * 1000 / all.length).toFixed(2), "us/rec"); };
t("features", () => { for (const r of all) extractFeatures(r, 0, "US"); });
t("features2", () => { for (const r of all) extractFeatures(r, 0, "US"); });
t("name", () => { for (const r of all) normalizeCompanyName(r.name); });
t("domain", () => { for (const r of all) parseCompanyDomain(r.website); });
t("tldts", () => { for (const r of all) if (r.website) parse(r.website); });
t("phone", () => { for (const r of all) normalizePhone(r.phone, "US"); });
console.log(all.slice(0, 12).map((r) => JSON.stringify(r)).join("\n"));
import { normalizeCountry } from "../src/normalize/country.ts";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
t("country", () => { for (const r of all) normalizeCountry(r.country); });
t("phone+country", () => { for (const r of all) normalizePhone(r.phone, normalizeCountry(r.country) ?? "US"); });
const nums = ["020 7946 0958", "030 1234567", "01 42 68 53 00", "+44 20 7946 0958"];
for (const [n, c] of [["020 7946 0958", "GB"], ["030 12345678", "DE"], ["01 42 68 53 00", "FR"], ["(391) 555-6247", "FR"]] as const) {
  const s = performance.now(); for (let i = 0; i < 20000; i++) parsePhoneNumberFromString(n, c)?.isValid(); console.log(n, c, ((performance.now() - s) * 1000 / 20000).toFixed(2), parsePhoneNumberFromString(n, c)?.isValid());
}
