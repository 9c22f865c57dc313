import { describeCrmConnectorContract } from "@mutual/connector-kit/contract";
import { startEmulatorAndConnector } from "./test-support.ts";

describeCrmConnectorContract("salesforce", async () => {
  const { emulator, connector } = await startEmulatorAndConnector({ accounts: 120, opportunities: 50, queryBatchSize: 50 });
  return {
    connector,
    accountCount: 120,
    editAccount: (id) => emulator.org.update("Account", id, { Phone: "+1 555 0100" }),
    deleteAccount: (id) => emulator.org.remove("Account", id),
    failWritesFor: (ids) => emulator.failRecords({ object: "Account", match: (id) => id !== undefined && ids.includes(id) }),
    unknownId: "001000000000zzzAAA",
    close: () => emulator.close(),
  };
});
