// react-pdf needs an embedded image's format; the seals feed accepts PNG and JPEG 印影 (docs/import-formats.md)
// and a JPEG labelled "png" is silently dropped from the page. The format is read from the magic bytes.
const JPEG = [0xff, 0xd8, 0xff];

export function imageSource(bytes: Uint8Array): { data: Buffer; format: "png" | "jpg" } {
  const jpeg = JPEG.every((b, i) => bytes[i] === b);
  return { data: Buffer.from(bytes), format: jpeg ? "jpg" : "png" };
}
