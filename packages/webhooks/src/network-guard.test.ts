import { describe, expect, it } from "vitest";
import { assertDeliverableUrl, createGuardedLookup, describeBlockedAddress } from "./network-guard.ts";
import type { ResolvedAddress } from "./network-guard.ts";

describe("describeBlockedAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["10.20.30.40", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fd12:3456::1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["100.100.100.200", "metadata"],
    ["100.64.0.1", "shared (carrier-grade NAT)"],
    ["100.127.255.254", "shared (carrier-grade NAT)"],
    ["224.0.0.251", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::fb", "multicast"],
    ["255.255.255.255", "reserved"],
    ["198.18.0.1", "reserved"],
    ["192.0.0.170", "reserved"],
    ["fec0::1", "private"],
    ["::127.0.0.1", "reserved"],
    ["64:ff9b:1::a00:1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"],
    ["64:ff9b::7f00:1", "loopback (through NAT64)"],
    ["64:ff9b::169.254.169.254", "link-local (through NAT64)"],
    ["64:ff9b::a9fe:a9fe", "link-local (through NAT64)"],
    ["2002:c0a8:0101::1", "private (through 6to4)"],
    ["2002:7f00:1::", "loopback (through 6to4)"],
  ])("refuses %s as %s", (address, reason) => {
    expect(describeBlockedAddress(address)).toBe(reason);
  });

  it.each(["8.8.8.8", "172.32.0.1", "100.128.0.1", "203.0.113.10", "2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"])("accepts public %s", (address) => {
    expect(describeBlockedAddress(address)).toBeUndefined();
  });
});

describe("assertDeliverableUrl", () => {
  const resolvingTo = (...addresses: string[]) => async (): Promise<ResolvedAddress[]> => addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("refuses a host when any of its addresses is not public", async () => {
    await expect(assertDeliverableUrl("https://hooks.example/x", { resolveHost: resolvingTo("8.8.8.8", "10.0.0.1"), allowPrivateNetworks: false })).rejects.toMatchObject({ code: "invalid_input" });
    await expect(assertDeliverableUrl("https://hooks.example/x", { resolveHost: resolvingTo("8.8.8.8", "2606:4700:4700::1111"), allowPrivateNetworks: false })).resolves.toBeInstanceOf(URL);
  });

  it("lets private addresses through when allowed", async () => {
    await expect(assertDeliverableUrl("http://127.0.0.1:9/x", { resolveHost: resolvingTo(), allowPrivateNetworks: true })).resolves.toBeInstanceOf(URL);
  });
});

describe("createGuardedLookup", () => {
  const lookupWith = (addresses: ResolvedAddress[], all: boolean) =>
    new Promise<unknown>((resolve, reject) => {
      createGuardedLookup({ resolveHost: async () => addresses, allowPrivateNetworks: false })("hooks.example", { all }, (error, address, family) =>
        error ? reject(error) : resolve(all ? address : [address, family]),
      );
    });

  it("answers in both lookup shapes net uses, and fails the connect for a private address", async () => {
    await expect(lookupWith([{ address: "8.8.8.8", family: 4 }], true)).resolves.toEqual([{ address: "8.8.8.8", family: 4 }]);
    await expect(lookupWith([{ address: "8.8.8.8", family: 4 }], false)).resolves.toEqual(["8.8.8.8", 4]);
    await expect(lookupWith([{ address: "192.168.0.10", family: 4 }], true)).rejects.toMatchObject({ code: "invalid_input" });
  });
});
