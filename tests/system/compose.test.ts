// The compose stack, read as Docker would (no Docker here): only the dashboard is published;
// the API, Postgres and Redis are on internal networks; the API believes the dashboard's
// network as its proxy; APP_URL reaches the processes that decide Secure cookies and HSTS.
import { readFileSync } from "node:fs";
import path from "node:path";
import { isHttpsUrl, isTrustedProxy, parseTrustedProxies } from "@spm/services";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../processes";

interface Service {
  ports?: unknown[];
  networks?: string[] | Record<string, unknown>;
  environment?: Record<string, string>;
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean; ipam?: { config?: { subnet?: string }[] } }>;
}

const TEXT = readFileSync(path.join(ROOT, "infra/compose/docker-compose.yml"), "utf8");

/** The file as `docker compose config` sees it with `vars` in its environment. */
function compose(vars: Record<string, string>): Compose {
  const text = TEXT.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_all, name, op, rest) => {
    const value = vars[name];
    if (value) return value;
    if (op === "?") throw new Error(`${name} is required: ${rest}`);
    return op === "-" ? rest : "";
  });
  return parse(text, { merge: true }) as Compose;
}

const REQUIRED = { POSTGRES_PASSWORD: "pw", APP_DB_PASSWORD: "app-pw", SESSION_SECRET: "secret" };
const networksOf = (s: Service) =>
  Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});

describe("infra/compose/docker-compose.yml", () => {
  const file = compose(REQUIRED);
  const { services, networks } = file;

  it("publishes the dashboard only; the API, its /metrics and /readyz stay inside", () => {
    const published = Object.entries(services)
      .filter(([, s]) => (s.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(published).toEqual(["web"]);
    expect(services.web?.ports).toEqual(["3000:3000"]);
    expect(TEXT).not.toMatch(/API_HOST_PORT/);
  });

  it("puts the API, Postgres and Redis on internal networks only, the dashboard too but its port", () => {
    for (const name of ["api", "postgres", "redis", "migrate", "web"]) {
      const on = networksOf(services[name] ?? {});
      expect(on.length, name).toBeGreaterThan(0);
      // The dashboard's one way out: `edge`, the network of its published port.
      for (const network of on.filter((n) => !(name === "web" && n === "edge"))) {
        expect(networks[network]?.internal, `${name} on ${network}`).toBe(true);
      }
    }
    for (const [name, service] of Object.entries(services)) {
      expect(networksOf(service).length, name).toBeGreaterThan(0);
    }
    // The dashboard reaches the API on one network only, so it connects from the range the API
    // trusts; the worker reaches the outside (e-mail, webhooks).
    const shared = networksOf(services.web ?? {}).filter((n) =>
      networksOf(services.api ?? {}).includes(n),
    );
    expect(shared).toEqual(["app"]);
    expect(networksOf(services.worker ?? {}).some((n) => !networks[n]?.internal)).toBe(true);
  });

  it("has the API trust the dashboard's network as its proxy, and nothing else", () => {
    const subnet = networks.app?.ipam?.config?.[0]?.subnet ?? "";
    expect(subnet).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
    const parsed = parseTrustedProxies(services.api?.environment?.TRUSTED_PROXIES ?? "");
    if (!parsed.ok) throw new Error(`not a TRUSTED_PROXIES value: ${parsed.bad}`);
    const inside = subnet.replace(/0\/24$/, "7");
    expect(isTrustedProxy(inside, parsed.list)).toBe(true);
    // Docker's default bridge (the host's side of a published port) and the outside are not.
    expect(isTrustedProxy("172.17.0.1", parsed.list)).toBe(false);
    expect(isTrustedProxy("203.0.113.9", parsed.list)).toBe(false);
    // Behind nothing by default, the dashboard passes on the address that connected.
    expect(services.web?.environment?.TRUSTED_PROXIES).toBe("");
    const behindTls = compose({ ...REQUIRED, WEB_TRUSTED_PROXIES: "10.0.0.5" });
    expect(behindTls.services.web?.environment?.TRUSTED_PROXIES).toBe("10.0.0.5");
  });

  it("gives APP_URL to the API and the dashboard: https there means Secure cookies and HSTS", () => {
    for (const name of ["api", "web"]) {
      expect(services[name]?.environment?.APP_URL).toBe("http://localhost:3000");
    }
    const tls = compose({ ...REQUIRED, APP_URL: "https://monitor.example.kz" });
    for (const name of ["api", "web", "worker"]) {
      const appUrl = tls.services[name]?.environment?.APP_URL;
      expect(appUrl).toBe("https://monitor.example.kz");
      expect(isHttpsUrl(appUrl)).toBe(true);
    }
  });

  it("still refuses to start without any one of the required secrets", () => {
    for (const name of Object.keys(REQUIRED)) {
      const without = Object.fromEntries(Object.entries(REQUIRED).filter(([k]) => k !== name));
      expect(() => compose(without)).toThrow(new RegExp(`${name} is required`));
    }
  });
});
