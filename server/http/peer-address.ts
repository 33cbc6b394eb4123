import "server-only";
import crypto from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { PEER_ADDRESS_HEADER, PEER_ADDRESS_TOKEN } from "@/lib/client-address";

// Node publishes "http.server.request.start" synchronously when it has parsed a request, before the server's
// "request" listener (Next's) runs, with the request and its socket. Writing the peer address into the parsed
// headers there is the one place it can reach route handlers and server actions (lib/client-address.ts). The
// header is always overwritten, so a client-sent one never survives; the random token tells the app that the
// value came from here.

const CHANNEL = "http.server.request.start";

/** Installs the hook once per process (instrumentation.ts calls it first thing at start-up). */
export function installPeerAddressHook(): void {
  const g = globalThis as Record<symbol, unknown>;
  if (typeof g[PEER_ADDRESS_TOKEN] === "string") return;
  const token = crypto.randomBytes(16).toString("hex");
  // The channel object is held here for the life of the process (channels are weakly referenced by name).
  const channel = diagnostics.channel(CHANNEL);
  channel.subscribe((message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = `${token} ${socket.remoteAddress ?? ""}`;
  });
  g[Symbol.for("konbini.peerAddressChannel")] = channel;
  g[PEER_ADDRESS_TOKEN] = token;
}
