import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

// SMTP for resident notices. SMTP_URL (e.g. smtp://user:pass@mail.example.jp:587, or smtps://…) and
// MAIL_FROM come from the environment; without SMTP_URL nothing is sent and notices stay pending (visible
// to staff) until it is configured. Read at each delivery pass, so tests and operators can change it.

export type MailConfig = { url: string; from: string };

export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  return { url, from: env.MAIL_FROM?.trim() || "no-reply@localhost" };
}

let cached: { url: string; transport: Transporter } | null = null;

export function transportFor(config: MailConfig): Transporter {
  if (cached?.url === config.url) return cached.transport;
  cached?.transport.close();
  const transport = nodemailer.createTransport(config.url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  cached = { url: config.url, transport };
  return transport;
}
