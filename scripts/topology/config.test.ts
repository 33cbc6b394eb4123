// The generated configuration keeps the promises the topology's proofs depend on (docs/operations.md): a proxy
// never ends an issuance before the app's own deadline, uploads reach the import routes, X-Forwarded-For gets
// exactly one appended hop, HAProxy routes by Patroni's view of the primary, and Patroni answers a commit only
// once the synchronous standby has it.
import { describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES } from "../../lib/import-feeds";
import { parseEnv } from "../../server/env";
import { defaultTopology, haproxyCfg, nginxConf, patroniYaml } from "./config";

const t = defaultTopology("/var/tmp/konbini-topology-test", { superuser: "s", replication: "r", rewind: "w", owner: "o", app: "a" });
const seconds = (v: string) => Number(/^(\d+)s$/.exec(v)![1]);

describe("nginx", () => {
  const conf = nginxConf(t);
  it("waits longer than the issuance deadline before giving up on an app node", () => {
    const deadlineMs = parseEnv({}).ISSUANCE_TIMEOUT_MS;
    const reads = [...conf.matchAll(/proxy_read_timeout (\w+);/g)].map((m) => seconds(m[1]));
    expect(reads.length).toBeGreaterThan(0);
    for (const r of reads) expect(r * 1000).toBeGreaterThan(deadlineMs);
  });

  it("accepts an import up to MAX_IMPORT_BYTES on both import routes, unbuffered, and small bodies elsewhere", () => {
    for (const route of ["location /api/imports/ {", "location = /imports/upload {"]) {
      const block = conf.slice(conf.indexOf(route), conf.indexOf("}", conf.indexOf(route)));
      const mb = Number(/client_max_body_size (\d+)m;/.exec(block)![1]);
      expect(mb * 1024 * 1024).toBeGreaterThanOrEqual(MAX_IMPORT_BYTES);
      expect(block).toContain("proxy_request_buffering off;");
    }
    expect(conf).toMatch(/server_name localhost;[\s\S]*client_max_body_size 10m;/);
  });

  it("appends the peer to X-Forwarded-For (the one hop TRUSTED_PROXY_HOPS=1 trusts) and never re-sends a sent POST", () => {
    expect(conf).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(conf).not.toContain("non_idempotent");
    for (const port of t.apps) expect(conf).toContain(`server 127.0.0.1:${port}`);
  });

  it("closes idle app connections before the app does (Node's keepAliveTimeout, 5 s)", () => {
    const idle = seconds(/upstream konbini_app \{[^}]*keepalive_timeout (\w+);/.exec(conf)![1]);
    expect(idle * 1000).toBeLessThan(5_000);
  });

  it("logs paths without query strings", () => {
    expect(conf).toMatch(/log_format konbini [^;]*\$uri/);
    const format = /log_format konbini ([^;]*);/.exec(conf)![1];
    // $request (the whole request line) and $request_uri carry the query string, as do $args and $query_string.
    expect(format).not.toMatch(/\$request(?!_method|_time)|\$args|\$query_string/);
  });
});

describe("HAProxy and Patroni", () => {
  it("routes to the node whose Patroni REST API says it is the primary, and cuts sessions to a node marked down", () => {
    const cfg = haproxyCfg(t);
    expect(cfg).toContain("option httpchk OPTIONS /primary");
    expect(cfg).toContain("on-marked-down shutdown-sessions");
    for (const n of t.pg) expect(cfg).toContain(`server ${n.name} 127.0.0.1:${n.port} check port ${n.rest}`);
  });

  it("answers commits only once the synchronous standby has them, within Patroni's timing rule", () => {
    for (const n of t.pg) {
      const yaml = patroniYaml(t, n);
      expect(yaml).toMatch(/^\s+synchronous_mode: true$/m);
      const [ttl, loop, retry] = ["ttl", "loop_wait", "retry_timeout"].map((k) => Number(new RegExp(`^\\s+${k}: (\\d+)$`, "m").exec(yaml)![1]));
      expect(loop + 2 * retry).toBeLessThanOrEqual(ttl);
      expect(yaml).toContain(`--pg1-path=/var/tmp/konbini-topology-test/pg/${n.name} archive-push %p`);
    }
  });
});
