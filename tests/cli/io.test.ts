import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeIo } from "../../src/cli/io.js";

function folder(): string {
  return mkdtempSync(join(tmpdir(), "zz-plan-io-"));
}

describe("listing data files", () => {
  it("searches folders recursively for .csv and .json, in a stable order", async () => {
    const root = folder();
    mkdirSync(join(root, "b", "deep"), { recursive: true });
    for (const name of ["b/deep/z.json", "a.csv", "b/y.CSV", "notes.txt", ".hidden.csv"]) writeFileSync(join(root, name), "x");
    const { files, issues } = await nodeIo.listDataFiles([root]);
    expect(files.map((file) => file.slice(root.length + 1))).toEqual(["a.csv", "b/deep/z.json", "b/y.CSV"]);
    expect(issues).toEqual([]);
  });

  it("lists the spreadsheets in a folder too, so that none is skipped in silence", async () => {
    const root = folder();
    for (const name of ["a.csv", "巩义.xls", "报表.et", "旧表.WPS", "b.xlsx", "c.ods", "d.numbers", "notes.docx"]) writeFileSync(join(root, name), "x");
    const { files } = await nodeIo.listDataFiles([root]);
    expect(files.map((file) => file.slice(root.length + 1)).sort()).toEqual(["a.csv", "b.xlsx", "c.ods", "d.numbers", "报表.et", "巩义.xls", "旧表.WPS"].sort());
  });

  it("walks a folder reached again through a symbolic link only once", async () => {
    const root = folder();
    writeFileSync(join(root, "a.csv"), "x");
    symlinkSync(root, join(root, "loop"));
    const { files } = await nodeIo.listDataFiles([root]);
    expect(files).toEqual([join(root, "a.csv")]);
  });

  it("reports a link that leads round in a loop, and a folder with no data files", async () => {
    const root = folder();
    symlinkSync(join(root, "two"), join(root, "one"));
    symlinkSync(join(root, "one"), join(root, "two"));
    const { files, issues } = await nodeIo.listDataFiles([join(root, "one"), root]);
    expect(files).toEqual([]);
    expect(issues.map((issue) => issue.code)).toEqual(["symlink-loop", "symlink-loop", "symlink-loop", "no-data-files"]);
  });

  it("says a path does not exist", async () => {
    const { issues } = await nodeIo.listDataFiles(["/no/such/place.csv"]);
    expect(issues).toEqual([expect.objectContaining({ code: "file-not-found", location: { file: "/no/such/place.csv" } })]);
  });
});

describe("files that are not regular files", () => {
  it("refuses a FIFO given as input, found in a folder, or read as text, at once", async () => {
    const root = folder();
    execFileSync("mkfifo", [join(root, "pipe.csv")]);
    const named = await nodeIo.listDataFiles([join(root, "pipe.csv")]);
    expect(named.files).toEqual([]);
    expect(named.issues).toEqual([expect.objectContaining({ code: "file-unreadable", message: expect.stringContaining("not a regular file") })]);
    const found = await nodeIo.listDataFiles([root]);
    expect(found.issues.map((issue) => issue.code)).toEqual(["file-unreadable", "no-data-files"]);
    await expect(nodeIo.readText(join(root, "pipe.csv"))).rejects.toThrow(/not a regular file/);
    const bytes = nodeIo.openBytes(join(root, "pipe.csv"))[Symbol.asyncIterator]();
    await expect(bytes.next()).rejects.toThrow(/not a regular file/);
  });
});

describe("writing the report", () => {
  it("replaces the file whole and leaves no temporary file behind", async () => {
    const root = folder();
    const target = join(root, "report.md");
    writeFileSync(target, "old");
    await nodeIo.writeFileAtomic(target, "new report");
    expect(readFileSync(target, "utf8")).toBe("new report");
    expect(readdirSync(root)).toEqual(["report.md"]);
  });
});
