import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv, type Env } from "../env";

// SMTP for resident notices. SMTP_URL (e.g. smtp://user:pass@mail.example.jp:587, or smtps://…) and
// MAIL_FROM come from the environment; without SMTP_URL nothing is sent and notices stay pending (visible
// to staff) until it is configured. Read at each delivery pass, so tests and operators can change it.

export type MailConfig = { url: string; from: string };

export function mailConfig(env: Pick<Env, "SMTP_URL" | "MAIL_FROM"> = getEnv()): MailConfig | null {
  if (!env.SMTP_URL) return null;
  return { url: env.SMTP_URL, from: env.MAIL_FROM };
}

let cached: { url: string; transport: Transporter } | null = null;

export function transportFor(config: MailConfig): Transporter {
  if (cached?.url === config.url) return cached.transport;
  cached?.transport.close();
  const transport = nodemailer.createTransport(config.url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  cached = { url: config.url, transport };
  return transport;
}
