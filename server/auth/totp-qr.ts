import "server-only";
import QRCode from "qrcode";

/**
 * The otpauth:// URI as a QR code, rendered on the server to SVG and handed to the page as a data: URI for an
 * <img> (no markup injected into the page, no client-side QR library). Error correction M with the standard
 * 4-module quiet zone reads reliably from a screen.
 */
export async function otpauthQrDataUri(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
