/** Encodings a data file may be in; "auto" detects a BOM, else UTF-8, falling back to GB18030. */
export const encodings = ["auto", "utf-8", "utf-16le", "utf-16be", "gb18030"] as const;
export type EncodingChoice = (typeof encodings)[number];
export type Encoding = Exclude<EncodingChoice, "auto">;

/** Accepted spellings of --encoding values; GBK and GB2312 are subsets of GB18030. */
const encodingAliases: Record<string, Encoding | "auto"> = {
  auto: "auto",
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-16": "utf-16le",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
  gb18030: "gb18030",
  gbk: "gb18030",
  gb2312: "gb18030",
  cp936: "gb18030",
};

export function parseEncoding(name: string): EncodingChoice | undefined {
  const key = name.trim().toLowerCase();
  return Object.hasOwn(encodingAliases, key) ? encodingAliases[key] : undefined;
}

/** Thrown when bytes are not valid in the encoding that was assumed. */
export class UndecodableError extends Error {
  constructor(
    readonly encoding: Encoding,
    /** Where the first invalid byte is, when known. */
    readonly line?: number,
    readonly byte?: number,
  ) {
    super(
      `the file is not valid ${encoding.toUpperCase()}${byte === undefined ? "" : ` (byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")}${line === undefined ? "" : ` on line ${line}`} cannot be decoded)`}`,
    );
  }
}

/** How many bytes sniffEncoding wants to see, when the file has that many. */
export const sniffLength = 4096;

/**
 * Detect the encoding from the first bytes: a BOM decides; NUL bytes in every other position mean
 * UTF-16 without a BOM (text files in the other encodings never hold NUL); else UTF-8 when the
 * bytes decode, else GB18030.
 */
export function sniffEncoding(head: Uint8Array): { encoding: Encoding; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: true };
  const nuls = nulParity(head);
  if (nuls.odd > 0 && nuls.even === 0) return { encoding: "utf-16le", bom: false };
  if (nuls.even > 0 && nuls.odd === 0) return { encoding: "utf-16be", bom: false };
  return { encoding: isValidUtf8Prefix(head) ? "utf-8" : "gb18030", bom: false };
}

function nulParity(bytes: Uint8Array): { even: number; odd: number } {
  let even = 0;
  let odd = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] === 0) {
      if (index % 2 === 0) even += 1;
      else odd += 1;
    }
  }
  return { even, odd };
}

/**
 * What a file that is not text at all is, judged from its first bytes: a spreadsheet saved under
 * a .csv or .json name, or some other binary file. Undefined for anything that may be text.
 */
export function sniffBinary(head: Uint8Array): "zip-spreadsheet" | "ole-spreadsheet" | "binary" | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "zip-spreadsheet";
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "ole-spreadsheet";
  if (starts(0xef, 0xbb, 0xbf) || starts(0xff, 0xfe) || starts(0xfe, 0xff)) return undefined;
  const nuls = nulParity(head);
  // UTF-16 text without a BOM has its NULs all on one side; binary data has them everywhere.
  if (nuls.even > 0 && nuls.odd > 0) return "binary";
  return undefined;
}

function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    // stream: true tolerates a character cut at the end of the sample.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Counts kept while decoding, for the reader's summary. */
export interface DecodeStats {
  /** Characters the decoder could not decode and replaced with U+FFFD. */
  replaced: number;
}

/**
 * Decode a stream of bytes as text chunks. UTF-8 is decoded strictly so that a GB18030 file that
 * happened to look like UTF-8 in its first bytes is caught (UndecodableError) and can be re-read.
 * The other encodings decode leniently; stats.replaced counts what they could not decode.
 */
export async function* decodeChunks(bytes: AsyncIterable<Uint8Array>, encoding: Encoding, stats?: DecodeStats): AsyncGenerator<string> {
  const strict = encoding === "utf-8";
  const decoder = new TextDecoder(encoding, { fatal: strict, ignoreBOM: false });
  let lines = 1;
  // A character cut at the end of the previous chunk, which the decoder holds back: to find a bad byte.
  let carry: Uint8Array = new Uint8Array();
  let first = true;
  const count = (text: string) => {
    for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) lines += 1;
    if (stats && !strict) for (let index = text.indexOf("\uFFFD"); index !== -1; index = text.indexOf("\uFFFD", index + 1)) stats.replaced += 1;
  };
  for await (const chunk of bytes) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      // Hand on the text before the bad byte, so that the rows before it are read, then stop.
      const pending = concat(carry, chunk);
      const bad = firstInvalidUtf8(pending, lines);
      const valid = new TextDecoder("utf-8", { ignoreBOM: !first }).decode(pending.slice(0, bad?.offset ?? 0));
      if (valid) yield valid;
      throw new UndecodableError(encoding, bad?.line ?? lines, bad?.byte);
    }
    first = false;
    if (strict) carry = incompleteTail(chunk.length >= 3 ? chunk : concat(carry, chunk));
    count(text);
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) throw new UndecodableError(encoding, lines, carry[0]);
    throw error;
  }
  count(rest);
  if (rest) yield rest;
}

/** The bytes of a UTF-8 character cut off at the end of bytes, which the decoder holds back. */
function incompleteTail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.slice(bytes.length - back) : new Uint8Array();
  }
  return new Uint8Array();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/**
 * The first byte of bytes that is not UTF-8, with its line, and whether well-formed multi-byte
 * UTF-8 came before it (which makes a UTF-8 file with stray bytes likelier than a GB18030 file).
 * A character cut off at the very end does not count as invalid.
 */
export function firstInvalidUtf8(bytes: Uint8Array, firstLine = 1): { offset: number; line: number; byte: number; afterMultibyte: boolean } | undefined {
  let line = firstLine;
  let afterMultibyte = false;
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return { offset: index, line, byte, afterMultibyte };
    for (let next = 1; next < length && index + next < bytes.length; next += 1) {
      const follower = bytes[index + next] ?? 0;
      // The second byte's range is narrower after some leads (the Encoding Standard's UTF-8
      // decoder): no overlong forms (E0, F0), no surrogates (ED), nothing past U+10FFFF (F4).
      const [low, high] = next > 1 ? [0x80, 0xbf] : byte === 0xe0 ? [0xa0, 0xbf] : byte === 0xed ? [0x80, 0x9f] : byte === 0xf0 ? [0x90, 0xbf] : byte === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      if (follower < low || follower > high) return { offset: index, line, byte, afterMultibyte };
    }
    if (index + length > bytes.length) return undefined;
    if (length > 1) afterMultibyte = true;
    if (byte === 0x0a) line += 1;
    index += length;
  }
  return undefined;
}

/** UTF-8 sequences, as latin1/cp1252 show them: a lead byte letter then a continuation byte sign. */
const latinMojibake =
  /[\u0080-\u009F]|[\u00A1-\u00FF]{2}|[\u00C2-\u00EF][\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018\u2019\u201A\u201C\u201D\u201E\u2020\u2021\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/;

const cjk = /[\u2E80-\u9FFF\uF900-\uFAFF]/;
const nonAsciiOtherThanCjk = /[^\u0000-\u007F\u00A0-\u00FF\u2000-\u206F\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/;

let gbBytesOf: Map<string, number> | undefined;

/**
 * Characters of GB18030's two-byte range to their bytes (lead * 256 + trail). Node has no GB18030
 * encoder; the table is built once by decoding every two-byte code, and only when a name is
 * already unknown, so the cost (a few milliseconds) is never paid on good data.
 */
function gbTable(): Map<string, number> {
  if (gbBytesOf) return gbBytesOf;
  const codes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) if (trail !== 0x7f) codes.push(lead * 256 + trail);
  }
  // A newline after each code keeps them apart even where an unassigned code decodes to two characters.
  const bytes = new Uint8Array(codes.length * 3);
  codes.forEach((code, index) => {
    bytes[index * 3] = code >> 8;
    bytes[index * 3 + 1] = code & 0xff;
    bytes[index * 3 + 2] = 0x0a;
  });
  const decoded = new TextDecoder("gb18030").decode(bytes).split("\n");
  gbBytesOf = new Map();
  codes.forEach((code, index) => {
    const char = decoded[index];
    if (char !== undefined && char.length === 1 && char !== "\uFFFD" && !gbBytesOf!.has(char)) gbBytesOf!.set(char, code);
  });
  return gbBytesOf;
}

/** True when text, written back as GB18030 bytes, is UTF-8 for Chinese: UTF-8 that was read as GB18030. */
function isUtf8ReadAsGb18030(text: string): boolean {
  if (!/[^\u0000-\u007F]/.test(text)) return false;
  const table = gbTable();
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    // The one single byte above ASCII: GB18030 decoders read a lone 0x80 as the euro sign.
    if (char === "€") {
      bytes.push(0x80);
      continue;
    }
    const gb = table.get(char);
    if (gb === undefined) return false;
    bytes.push(gb >> 8, gb & 0xff);
  }
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return false;
  }
  // Real Chinese in GB18030 is rarely valid UTF-8 at all, and then hardly ever decodes to Chinese only.
  return cjk.test(decoded) && !nonAsciiOtherThanCjk.test(decoded);
}

/**
 * True when a name looks like text decoded with the wrong encoding: UTF-8 read as GB18030
 * (涓師鍖 for 中原区), GB18030 read as Latin-1 (ÖÐÔ­Çø) or UTF-8 read as Latin-1/cp1252 (ä¸­åŽŸåŒº),
 * or anything with U+FFFD, which decoders put where bytes made no sense.
 */
export function looksLikeMojibake(text: string): boolean {
  if (text.includes("\uFFFD")) return true;
  if (latinMojibake.test(text)) return true;
  return isUtf8ReadAsGb18030(text);
}
