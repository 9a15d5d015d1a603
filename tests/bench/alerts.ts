// Alerts benchmark: the time from posting a figure that crosses a rule's line to the SMTP server
// accepting the e-mail (firing, then resolved, alternately), through the API, the outbox, the
// status refresh, the alert evaluation and the delivery job. The raw baseline is nodemailer
// sending straight to the same SMTP server. Prints one JSON line at the end.
import { buildProgram } from "@spm/db/test/factories";
import nodemailer from "nodemailer";
import { postFigure, startAlertStack } from "../alert-stack";
import { databaseUrls } from "../processes";
import { note, percentile } from "./measure";

const CROSSINGS = Number(process.env.BENCH_CROSSINGS ?? 100);
const program = buildProgram();
const code = program.indicators[0]?.code ?? "";

const stack = await startAlertStack({
  databases: databaseUrls(),
  redisUrl: process.env.REDIS_URL ?? "",
  program,
  tag: "bench",
});
try {
  const rule = await fetch(`${stack.api}/api/v1/alert-rules`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.manager.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      program: program.code,
      name: "bench",
      scope: { indicators: { indicator: code }, regions: "national" },
      condition: { kind: "status_is", levels: ["red"] },
      channels: ["email"],
      recipients: { users: [stack.manager.username] },
    }),
  });
  if (rule.status !== 201) throw new Error(`rule: ${rule.status} ${await rule.text()}`);

  async function crossing(i: number): Promise<number> {
    const before = stack.mails.length;
    const started = performance.now();
    // 41 is red against the 2022 target of 90 (baseline 40); 95 meets it.
    await postFigure(stack, { indicator: code, period: "2022", value: i % 2 === 0 ? 41 : 95 });
    const [mail] = (await stack.waitForMails(() => true, before + 1)).slice(before);
    if (!mail) throw new Error("no mail");
    return mail.at - started;
  }

  note("warming up");
  for (let i = 0; i < 4; i++) await crossing(i);
  note(`${CROSSINGS} crossings`);
  const latencies: number[] = [];
  for (let i = 0; i < CROSSINGS; i++) {
    latencies.push(await crossing(i));
    if ((i + 1) % 20 === 0) note(`${i + 1} crossings, last ${latencies.at(-1)?.toFixed(1)} ms`);
  }
  const extra = stack.mails.length - (CROSSINGS + 4);

  note("raw baseline: nodemailer straight to the SMTP server");
  const smtpUrl = stack.smtpUrl;
  const transport = nodemailer.createTransport(smtpUrl);
  const raw: number[] = [];
  for (let i = 0; i < CROSSINGS; i++) {
    const before = stack.mails.length;
    const started = performance.now();
    await transport.sendMail({
      from: "monitor@example.org",
      to: stack.manager.email,
      subject: `raw ${i}`,
      text: "raw baseline",
    });
    const [mail] = (await stack.waitForMails(() => true, before + 1)).slice(before);
    raw.push((mail?.at ?? performance.now()) - started);
  }
  transport.close();

  const round = (n: number) => Math.round(n * 10) / 10;
  const result = {
    crossings: CROSSINGS,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    maxMs: round(Math.max(...latencies)),
    duplicateMails: extra,
    rawP50Ms: round(percentile(raw, 50)),
    rawP95Ms: round(percentile(raw, 95)),
    ratio: round(percentile(latencies, 95) / percentile(raw, 95)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await stack.stop();
}
