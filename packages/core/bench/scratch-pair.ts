import { matchAccounts } from "../src/matching/match-accounts.ts";
const L = [{ id: "l", name: "YMCA of Metropolitan Chicago - Rauner", street: "2700 S Western Ave", phone: "8473115" }];
const R = [{ id: "r", name: "YMCA OF METROPOLITAN CHICAGO RAUNER", street: "2700 S WESTERN AVE", postalCode: "60608", phone: "8473115" }];
const res = matchAccounts(L, R, { defaultPhoneCountry: "US" });
console.log(res);
