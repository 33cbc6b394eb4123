// A real local SMTP server for tests (the smtp-server package) and a small RFC 5322 / MIME reader for what
// nodemailer sends: unfolded headers, RFC 2047 encoded words, base64 or quoted-printable text bodies.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { envelopeTo: string[]; raw: string; headers: Record<string, string>; subject: string; to: string; from: string; text: string };

export type TestSmtp = { url: string; messages: ReceivedMail[]; rejectNext: (n: number) => void; close: () => Promise<void>; waitFor: (count: number, timeoutMs?: number) => Promise<ReceivedMail[]> };

function decodeWords(value: string): string {
  // Adjacent encoded words are joined without the whitespace between them; bytes are joined before decoding.
  return value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)(\s+(?==\?))?/g, "$1").replace(/(?:=\?([^?]+)\?([BbQq])\?([^?]*)\?=)+/g, (run) => {
    const bytes: Buffer[] = [];
    for (const m of run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)) {
      bytes.push(m[2].toUpperCase() === "B" ? Buffer.from(m[3], "base64") : Buffer.from(m[3].replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1"));
    }
    return Buffer.concat(bytes).toString("utf8");
  });
}

export function parseMail(raw: string, envelopeTo: string[] = []): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const cte = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const text =
    cte === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : cte === "quoted-printable"
        ? Buffer.from(body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8")
        : body;
  return { envelopeTo, raw, headers, subject: decodeWords(headers.subject ?? ""), to: decodeWords(headers.to ?? ""), from: decodeWords(headers.from ?? ""), text };
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  let rejecting = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejecting > 0) {
        rejecting--;
        const err = new Error("mailbox temporarily unavailable") as Error & { responseCode: number };
        err.responseCode = 450;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push(parseMail(Buffer.concat(chunks).toString("utf8"), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejectNext: (n) => {
      rejecting = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    waitFor: async (count, timeoutMs = 5000) => {
      const until = Date.now() + timeoutMs;
      while (messages.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      return messages;
    },
  };
}
