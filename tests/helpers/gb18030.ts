/** Characters of GB18030's two-byte range to their bytes, built by decoding every code (Node has no GB18030 encoder). */
const gbBytes = (() => {
  const table = new Map<string, [number, number]>();
  const decoder = new TextDecoder("gb18030");
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== "\uFFFD" && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return table;
})();

/** Text as a GB18030 (GBK) file holds it: ASCII as is, Chinese in two bytes, anything else as "?". */
export function encodeGb18030(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(gbBytes.get(char) ?? [0x3f]));
  }
  return new Uint8Array(bytes);
}
