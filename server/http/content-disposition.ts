import "server-only";

/** RFC 5987 ext-value characters: encodeURIComponent leaves ' ( ) * unescaped, which attr-char does not allow. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** RFC 6266 / 5987: an ASCII fallback name, then the Japanese name in UTF-8. */
export function contentDisposition(type: "inline" | "attachment", asciiName: string, utf8Name: string): string {
  return `${type}; filename="${asciiName}"; filename*=UTF-8''${rfc5987(utf8Name)}`;
}
