import { describe, expect, it } from "vitest";
import { matchRecordOf } from "./match-record.ts";

describe("matchRecordOf", () => {
  it("keeps exactly the matcher's fields, every one present, in one order", () => {
    const account = { id: "1", name: "Acme", website: "acme.com", status: "customer", custom: { Region: "EMEA" }, phone: "+1 415 555 0132" };
    const record = matchRecordOf(account);
    expect(Object.keys(record)).toEqual(["id", "name", "website", "country", "state", "city", "phone", "parentId", "street", "postalCode"]);
    expect(record).toEqual({ id: "1", name: "Acme", website: "acme.com", phone: "+1 415 555 0132" });
    expect(Object.keys(matchRecordOf({ id: "2", name: "Zenith", street: "1 Main St" }))).toEqual(Object.keys(record));
  });
});
