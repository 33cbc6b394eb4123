// The QR code of a certificate page's verification address (docs/verify.md), drawn as vector shapes so it
// prints sharp at any resolution: error correction M, the standard four-module quiet zone, about 22 mm wide
// (a module of ≈ 0.5 mm for the usual version 5-6 URL), which a phone camera reads from paper.
import { Path, Rect, Svg } from "@react-pdf/renderer";
import QRCode from "qrcode";

/** Width and height in PDF points (≈ 22.6 mm), quiet zone included. */
export const QR_SIZE_PT = 64;
const QUIET_ZONE = 4;

/** One path of the dark modules, each horizontal run of them one rectangle (in module units, quiet zone added). */
export function qrPath(text: string): { path: string; modules: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = modules.size;
  const parts: string[] = [];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; ) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && modules.get(y, x + run)) run++;
      parts.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h${run}v1h${-run}z`);
      x += run;
    }
  }
  return { path: parts.join(""), modules: n + 2 * QUIET_ZONE };
}

/** The QR code of `qrPath(url)`; the frame computes it once per document (a fixed element is drawn on every page). */
export function VerificationQr({ qr }: { qr: ReturnType<typeof qrPath> }) {
  const { path, modules } = qr;
  return (
    <Svg width={QR_SIZE_PT} height={QR_SIZE_PT} viewBox={`0 0 ${modules} ${modules}`}>
      <Rect x={0} y={0} width={modules} height={modules} fill="#ffffff" />
      <Path d={path} fill="#000000" />
    </Svg>
  );
}
