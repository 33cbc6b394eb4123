import "server-only";
import zlib from "node:zlib";

// A structural check of a PNG without decoding it: the 8-byte signature, an IHDR chunk first (with a correct
// CRC), and an IEND chunk last. Returns the declared dimensions, or null when the bytes are not a PNG (a
// renamed JPEG, a truncated upload, an HTML page). Decoding is left to the PDF renderer, which only ever
// sees images that passed this check.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

export type PngSize = { width: number; height: number };

export function readPngSize(bytes: Uint8Array): PngSize | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < SIGNATURE.length + 25 + IEND.length) return null;
  if (!b.subarray(0, 8).equals(SIGNATURE)) return null;
  if (b.readUInt32BE(8) !== 13 || b.toString("latin1", 12, 16) !== "IHDR") return null;
  if ((zlib.crc32(b.subarray(12, 29)) >>> 0) !== b.readUInt32BE(29)) return null;
  if (!b.subarray(b.length - IEND.length).equals(IEND)) return null;
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  if (width === 0 || height === 0) return null;
  return { width, height };
}
