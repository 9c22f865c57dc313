import { matchAccounts } from "../src/matching/match-accounts.ts";
const L = [{ id: "l9", name: "Vandelay Industries East", phone: "+1 212 555 0199", country: "US" }];
const R = [{ id: "r9", name: "Vandelay Industries West", phone: "+1 212 555 0199", country: "US" }];
console.log(JSON.stringify(matchAccounts(L, R)));
