import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
let bad = 0;
fc.assert(fc.property(fc.array(fc.constantFrom("0","1","2","3","4","5","6","7","8","9"," ","(",")","-",".","x","ext","tel:","#","*","/"), {maxLength: 25}).map(a=>a.join("")), (s) => {
  const p = parsePhoneNumberFromString(s);
  if (p?.isValid()) { bad++; console.log("valid without country:", JSON.stringify(s), p.number); }
  return true;
}), { numRuns: 100000 });
for (const s of ["0044 20 7946 0958", "011 44 20 7946 0958", "tel:4155550132", "001 415 555 0132"]) console.log(s, parsePhoneNumberFromString(s)?.number);
console.log("bad", bad);
