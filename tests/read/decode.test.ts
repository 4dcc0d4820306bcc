import fc from "fast-check";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeChunks, firstInvalidUtf8, looksLikeMojibake, parseEncoding, sniffBinary, sniffEncoding, UndecodableError, type DecodeStats, type Encoding } from "../../src/read/decode.js";
import { buildLookup } from "../../src/plan/lookup.js";
import { loadPlan } from "../../src/plan/load.js";
import { encodeGb18030 } from "../helpers/gb18030.js";

const planFile = fileURLToPath(new URL("../../plan/zhengzhou-2023-2025.yaml", import.meta.url));
const plan = buildLookup(loadPlan(readFileSync(planFile, "utf8"), planFile)).plan;

const utf8 = (text: string) => new TextEncoder().encode(text);

async function decodeAll(chunks: Uint8Array[], encoding: Encoding, stats?: DecodeStats): Promise<string> {
  async function* bytes() {
    for (const chunk of chunks) yield chunk;
  }
  let text = "";
  for await (const piece of decodeChunks(bytes(), encoding, stats)) text += piece;
  return text;
}

/** Cut bytes into pieces of the given size, so that multi-byte characters fall across pieces. */
function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) out.push(bytes.slice(start, start + size));
  return out;
}

describe("sniffEncoding", () => {
  it.each([
    ["UTF-8 with BOM", [0xef, 0xbb, 0xbf, 0x61], "utf-8", true],
    ["UTF-16LE with BOM", [0xff, 0xfe, 0x61, 0x00], "utf-16le", true],
    ["UTF-16BE with BOM", [0xfe, 0xff, 0x00, 0x61], "utf-16be", true],
    ["UTF-16LE without BOM (ASCII header)", [0x61, 0x00, 0x2c, 0x00], "utf-16le", false],
    ["UTF-16BE without BOM (ASCII header)", [0x00, 0x61, 0x00, 0x2c], "utf-16be", false],
    ["ASCII", [0x61, 0x2c, 0x62], "utf-8", false],
    ["UTF-8 Chinese", [...utf8("中原区")], "utf-8", false],
    ["GB18030 Chinese", [...encodeGb18030("中原区")], "gb18030", false],
    ["UTF-8 cut in the middle of a character", [...utf8("区")].slice(0, 2), "utf-8", false],
  ] as const)("%s", (_, bytes, encoding, bom) => {
    expect(sniffEncoding(new Uint8Array(bytes))).toEqual({ encoding, bom });
  });
});

describe("sniffBinary", () => {
  it("recognises zipped workbooks, old Excel files and binary data, and passes text", () => {
    expect(sniffBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe("zip-spreadsheet");
    expect(sniffBinary(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe("ole-spreadsheet");
    expect(sniffBinary(new Uint8Array([0x00, 0x00, 0x01, 0x00]))).toBe("binary");
    expect(sniffBinary(utf8("indicator,area\n"))).toBeUndefined();
    expect(sniffBinary(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x00, 0x00]))).toBeUndefined();
    expect(sniffBinary(new Uint8Array([0x61, 0x00, 0x62, 0x00]))).toBeUndefined();
  });
});

describe("parseEncoding", () => {
  it("accepts the usual spellings and refuses others, including inherited object keys", () => {
    expect(parseEncoding(" GBK ")).toBe("gb18030");
    expect(parseEncoding("UTF8")).toBe("utf-8");
    expect(parseEncoding("auto")).toBe("auto");
    expect(parseEncoding("latin1")).toBeUndefined();
    expect(parseEncoding("constructor")).toBeUndefined();
    expect(parseEncoding("__proto__")).toBeUndefined();
  });
});

describe("decodeChunks", () => {
  it("decodes UTF-8 cut into one-byte pieces", async () => {
    expect(await decodeAll(pieces(utf8("指标,区县\n中原区"), 1), "utf-8")).toBe("指标,区县\n中原区");
  });

  it("decodes GB18030 cut into odd pieces", async () => {
    expect(await decodeAll(pieces(encodeGb18030("指标,区县\n中原区"), 3), "gb18030")).toBe("指标,区县\n中原区");
  });

  it("strips the BOM of UTF-16 in either byte order", async () => {
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([0x4e2d, 0x0a]).buffer)]);
    expect(await decodeAll(pieces(le, 1), "utf-16le")).toBe("中\n");
    expect(await decodeAll([new Uint8Array([0xfe, 0xff, 0x4e, 0x2d])], "utf-16be")).toBe("中");
  });

  it("names the first byte that is not UTF-8, and its line, when it comes late and across pieces", async () => {
    const bytes = new Uint8Array([...utf8("a,b\n中,1\n"), ...encodeGb18030("区"), 0x0a]);
    let decoded = "";
    const error = await (async () => {
      for await (const piece of decodeChunks((async function* () { yield* pieces(bytes, 2); })(), "utf-8")) decoded += piece;
    })().catch((caught: unknown) => caught);
    expect(decoded).toBe("a,b\n中,1\n");
    expect(error).toBeInstanceOf(UndecodableError);
    expect(error).toMatchObject({ encoding: "utf-8", line: 3, byte: 0xc7 });
    expect((error as Error).message).toBe("the file is not valid UTF-8 (byte 0xC7 on line 3 cannot be decoded)");
  });

  it("reports a character cut off at the end of a UTF-8 file", async () => {
    const bytes = utf8("a\n中").slice(0, 4);
    await expect(decodeAll([bytes], "utf-8")).rejects.toMatchObject({ line: 2, byte: 0xe4 });
  });

  it("counts what the lenient decoders could not decode", async () => {
    const stats: DecodeStats = { replaced: 0 };
    const text = await decodeAll([new Uint8Array([0x61, 0xff, 0x62, 0xff])], "gb18030", stats);
    expect(text).toBe("a\uFFFDb\uFFFD");
    expect(stats.replaced).toBe(2);
  });
});

describe("firstInvalidUtf8", () => {
  it("tells UTF-8 with a stray GBK byte from a GBK file", () => {
    expect(firstInvalidUtf8(new Uint8Array([...utf8("中原区\n"), ...encodeGb18030("备注")]))).toEqual({ offset: 10, line: 2, byte: 0xb1, afterMultibyte: true });
    expect(firstInvalidUtf8(encodeGb18030("a\n中原区"))).toEqual({ offset: 2, line: 2, byte: 0xd6, afterMultibyte: false });
    expect(firstInvalidUtf8(utf8("中原区"))).toBeUndefined();
  });

  it("finds exactly the byte a strict decoder stops at: overlong forms, surrogates and code points past U+10FFFF too", () => {
    // ED A0 80 is a UTF-16 surrogate written as UTF-8 (CESU-8), E0 80 AF an overlong "/".
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x0a, 0xed, 0xa0, 0x80]))).toMatchObject({ offset: 2, line: 2 });
    expect(firstInvalidUtf8(new Uint8Array([0xe0, 0x80, 0xaf]))).toMatchObject({ offset: 0 });
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toMatchObject({ offset: 0 });
    const bytes = fc.uint8Array({ maxLength: 40 }).map((random) => new Uint8Array([...utf8("区"), ...random]));
    fc.assert(
      fc.property(bytes, (input) => {
        const found = firstInvalidUtf8(input);
        let valid: boolean;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(input, { stream: true });
          valid = true;
        } catch {
          valid = false;
        }
        expect(found === undefined).toBe(valid);
        // Everything before the byte found decodes.
        if (found) expect(() => new TextDecoder("utf-8", { fatal: true }).decode(input.slice(0, found.offset))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});

describe("looksLikeMojibake", () => {
  const chineseNames = [
    ...plan.areas.flatMap((area) => [area.name, ...area.aliases]),
    ...plan.indicators.map((indicator) => indicator.name.zh),
    ...plan.tasks.flatMap((task) => [task.title, ...task.lead, ...task.support, ...task.responsible]),
  ].filter((name) => /[^\u0000-\u007F]/.test(name));
  const allNames = [
    ...chineseNames,
    ...plan.areas.flatMap((area) => [area.pinyin, area.en ?? ""]),
    ...plan.indicators.flatMap((indicator) => [indicator.id, indicator.name.en]),
  ];

  it("has Chinese names to test with", () => {
    expect(chineseNames.length).toBeGreaterThan(100);
  });

  it("does not trigger on any name in the plan, traditional or full-width spellings, or pinyin with tones", () => {
    const extra = ["鄭州市", "滎陽市", "管城回族區", "中　原　区", "ＰＭ２．５", "Zhōngyuán", "Xīnzhèng", "吨/月·平方公里", "2023—2025年", "“一河一策”……"];
    expect([...allNames, ...extra].filter((name) => looksLikeMojibake(name))).toEqual([]);
  });

  it("triggers for UTF-8 Chinese decoded as GB18030, for every Chinese name in the plan", () => {
    const garbled = chineseNames.map((name) => new TextDecoder("gb18030").decode(utf8(name)));
    expect(new TextDecoder("gb18030").decode(utf8("中原区"))).toBe("涓\uE15E\u5E2B鍖\uFFFD");
    expect(garbled.filter((text) => !looksLikeMojibake(text))).toEqual([]);
  });

  it("triggers for GB18030 Chinese decoded as UTF-8 (replacement characters)", () => {
    const garbled = chineseNames.map((name) => new TextDecoder("utf-8").decode(encodeGb18030(name)));
    expect(garbled.filter((text) => !looksLikeMojibake(text))).toEqual([]);
  });

  it("triggers for GB18030 Chinese decoded as Latin-1", () => {
    const garbled = chineseNames.map((name) => new TextDecoder("latin1").decode(encodeGb18030(name)));
    expect(garbled).toContain("ÖÐÔ­Çø");
    expect(garbled.filter((text) => !looksLikeMojibake(text))).toEqual([]);
  });

  it("triggers for UTF-8 Chinese decoded as Latin-1 or Windows-1252", () => {
    for (const encoding of ["latin1", "windows-1252"]) {
      const garbled = chineseNames.map((name) => new TextDecoder(encoding).decode(utf8(name)));
      expect(garbled.filter((text) => !looksLikeMojibake(text))).toEqual([]);
    }
  });

  it("triggers for a GB18030 decoding that met the euro-sign byte (经济技术开发区)", () => {
    const garbled = new TextDecoder("gb18030").decode(utf8("经济技术开发区"));
    expect(garbled).toContain("€");
    expect(looksLikeMojibake(garbled)).toBe(true);
  });
});
