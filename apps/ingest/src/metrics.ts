import type { Db } from "@spm/db";
import { countNotificationsByStatus } from "@spm/services";
import { sql } from "kysely";
import client from "prom-client";
import type { Queues } from "./queues";

const JOB_STATES = ["waiting", "active", "delayed", "completed", "failed", "prioritized"] as const;

/**
 * The API's gauges, read at scrape time: jobs per queue and state (Redis), and uploaded rows
 * per outcome (Postgres, so every worker's work is counted once).
 */
export function registerApiMetrics(
  registry: client.Registry,
  deps: { db: Db; queues: Queues },
): void {
  new client.Gauge({
    name: "spm_queue_jobs",
    help: "Jobs in each queue by state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      for (const [name, queue] of Object.entries(deps.queues)) {
        const counts = await queue.getJobCounts(...JOB_STATES).catch(() => null);
        for (const state of JOB_STATES)
          if (counts) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });
  new client.Gauge({
    name: "spm_upload_rows",
    help: "Rows of all uploads by outcome (inserted, updated, unchanged, rejected)",
    labelNames: ["outcome"],
    registers: [registry],
    async collect() {
      const row = await sql<Record<string, string>>`select coalesce(sum(inserted), 0) as inserted,
        coalesce(sum(updated), 0) as updated, coalesce(sum(unchanged), 0) as unchanged,
        coalesce(sum(rejected), 0) as rejected from uploads where not dry_run`
        .execute(deps.db)
        .catch(() => null);
      const totals = row?.rows[0];
      if (totals)
        for (const [outcome, n] of Object.entries(totals)) this.set({ outcome }, Number(n));
    },
  });
  new client.Gauge({
    name: "spm_uploads",
    help: "Uploads by status",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const rows = await deps.db
        .selectFrom("uploads")
        .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
        .groupBy("status")
        .execute()
        .catch(() => []);
      for (const r of rows) this.set({ status: r.status }, Number(r.n));
    },
  });
}

/** Alerting gauges, read at scrape time: alerts by state, notifications by channel and status. */
export function registerAlertMetrics(registry: client.Registry, deps: { db: Db }): void {
  new client.Gauge({
    name: "spm_alerts",
    help: "Alerts (rule × indicator × place) by state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const rows = await deps.db
        .selectFrom("alerts")
        .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
        .where("retired_at", "is", null)
        .groupBy("status")
        .execute()
        .catch(() => []);
      for (const state of ["normal", "pending", "firing"])
        this.set({ state }, Number(rows.find((r) => r.status === state)?.n ?? 0));
    },
  });
  new client.Gauge({
    name: "spm_notifications",
    help: "Notifications by channel and status (failed deliveries need a look)",
    labelNames: ["channel", "status"],
    registers: [registry],
    async collect() {
      const rows = await countNotificationsByStatus(deps.db).catch(() => []);
      for (const r of rows) this.set({ channel: r.channel, status: r.status }, r.n);
    },
  });
}

/** The worker's own metrics: job durations and outcomes. */
export function createWorkerMetrics(registry: client.Registry) {
  return {
    duration: new client.Histogram({
      name: "spm_job_duration_seconds",
      help: "Duration of jobs by name and result",
      labelNames: ["job", "result"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers: [registry],
    }),
  };
}
