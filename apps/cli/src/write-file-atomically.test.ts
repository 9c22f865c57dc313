import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkWritable, writeFileAtomically } from "./write-file-atomically.ts";

const dir = mkdtempSync(join(tmpdir(), "mutual-atomic-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeFileAtomically", () => {
  it("replaces the target whole and leaves no temporary file", async () => {
    const target = join(dir, "out.csv");
    writeFileSync(target, "old\n");
    await writeFileAtomically(target, "new\n");
    expect(readFileSync(target, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });

  it("fails with one input error naming the path as typed, and writes nothing", async () => {
    const target = join(dir, "missing-dir", "out.csv");
    await expect(writeFileAtomically(target, "x", "missing-dir/out.csv")).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/^cannot write missing-dir\/out\.csv: ENOENT/),
    });
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });
});

describe("checkWritable", () => {
  it("accepts a new or existing file in an existing directory", async () => {
    await expect(checkWritable(join(dir, "new.csv"))).resolves.toBeUndefined();
    await expect(checkWritable(join(dir, "out.csv"))).resolves.toBeUndefined();
  });

  it("names a missing directory and a directory given as the file, as the user typed them", async () => {
    await expect(checkWritable(join(dir, "missing-dir", "out.csv"), "missing-dir/out.csv")).rejects.toMatchObject({
      code: "invalid_input",
      message: "cannot write missing-dir/out.csv: the directory missing-dir does not exist",
    });
    mkdirSync(join(dir, "sub"));
    await expect(checkWritable(join(dir, "sub"), "sub")).rejects.toMatchObject({ message: "cannot write sub: it is a directory" });
  });
});
