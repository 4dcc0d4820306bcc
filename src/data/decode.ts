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
  return encodingAliases[name.trim().toLowerCase()];
}

/** Thrown when bytes are not valid in the encoding that was assumed. */
export class UndecodableError extends Error {
  constructor(readonly encoding: Encoding) {
    super(`the file is not valid ${encoding}`);
  }
}

/** Detect the encoding from the first bytes: a BOM decides; else UTF-8 when they decode, else GB18030. */
export function sniffEncoding(head: Uint8Array): { encoding: Encoding; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: true };
  return { encoding: isValidUtf8Prefix(head) ? "utf-8" : "gb18030", bom: false };
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

/**
 * Decode a stream of bytes as text chunks. UTF-8 is decoded strictly so that a GB18030 file that
 * happened to look like UTF-8 in its first bytes is caught (UndecodableError) and can be re-read.
 */
export async function* decodeChunks(bytes: AsyncIterable<Uint8Array>, encoding: Encoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8", ignoreBOM: false });
  try {
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if (error instanceof TypeError) throw new UndecodableError(encoding);
    throw error;
  }
}

/** Characters that appear when GB18030 text is read as UTF-8 or Latin-1, or UTF-8 read as GB18030. */
const mojibakePattern = /[\uFFFD]|[ÃÂÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß][\u0080-\u00FF]|[浣鍖鏁鐨鎸杩]/;

/** True when a name looks like text decoded with the wrong encoding. */
export function looksLikeMojibake(text: string): boolean {
  return mojibakePattern.test(text);
}
