// The scheduled annual reports: the worker claims each due schedule, prints the running
// programme year's report for nobody in particular (an address holds no permission, so
// confidential figures are withheld) and e-mails the PDF to the schedule's recipients.
import { claimDueReportSchedule, finishReportSchedule, type ReportSchedule } from "@spm/db";
import { LOCALES, type Locale, toIsoDate } from "@spm/kpi";
import { checkReportRequest, nextReportRun, scheduledReportYear } from "@spm/services";
import type { Transporter } from "nodemailer";
import type pino from "pino";
import { type RenderDeps, renderReportPdf, reportSearch } from "./render-report";

export interface ReportSenderDeps extends RenderDeps {
  /** Null without SMTP_URL: a scheduled report then fails and says so on its schedule. */
  transport: Transporter | null;
  from: string;
  logger: pino.Logger;
}

// A sender holds a schedule this long; a failed send is tried again an hour later.
const LEASE_MS = 10 * 60_000;
const RETRY_MS = 60 * 60_000;

const MAIL: Record<Locale, { subject: string; text: string }> = {
  en: {
    subject: "Annual report {year}: {program}",
    text: "The annual report of {program} for {year} is attached (confidential figures withheld).",
  },
  ru: {
    subject: "Годовой отчёт за {year} год: {program}",
    text: "Во вложении — годовой отчёт «{program}» за {year} год (конфиденциальные показатели скрыты).",
  },
  kk: {
    subject: "{year} жылғы жылдық есеп: {program}",
    text: "Тіркемеде — «{program}» бағдарламасының {year} жылғы жылдық есебі (құпия көрсеткіштер жасырылған).",
  },
};

const fill = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ""));

/** Sends every due schedule's report; returns how many were sent and how many failed. */
export async function sendDueReports(
  deps: ReportSenderDeps,
): Promise<{ sent: number; failed: number }> {
  const out = { sent: 0, failed: 0 };
  for (;;) {
    const now = deps.now();
    const schedule = await claimDueReportSchedule(deps.db, { now, leaseMs: LEASE_MS });
    if (!schedule) return out;
    const error = await sendOne(deps, schedule).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500),
    );
    if (error) deps.logger.warn({ scheduleId: schedule.id, err: error }, "scheduled report failed");
    await finishReportSchedule(deps.db, {
      id: schedule.id,
      now,
      error,
      nextRunAt:
        error === null
          ? nextReportRun(schedule.frequency, now)
          : new Date(now.getTime() + RETRY_MS),
    });
    out[error === null ? "sent" : "failed"] += 1;
  }
}

async function sendOne(deps: ReportSenderDeps, schedule: ReportSchedule): Promise<void> {
  if (!deps.transport) throw new Error("no SMTP_URL: scheduled reports need an SMTP server");
  const { program } = await checkReportRequest(deps.db, {
    program: schedule.program_code,
    region: schedule.region ?? undefined,
  });
  const lang: Locale = (LOCALES as readonly string[]).includes(schedule.lang)
    ? (schedule.lang as Locale)
    : "en";
  const year = scheduledReportYear(program.years, toIsoDate(deps.now()));
  const search = reportSearch({ program: program.code, year, lang, region: schedule.region });
  const pdf = await renderReportPdf(deps, {
    search,
    actor: `report_schedule:${schedule.id}`,
    confidential: false,
  });
  const params = { program: program.name[lang], year };
  await deps.transport.sendMail({
    from: deps.from,
    to: schedule.recipients,
    subject: fill(MAIL[lang].subject, params),
    text: fill(MAIL[lang].text, params),
    attachments: [
      {
        filename: `${program.code}-${year}-${lang}.pdf`,
        content: pdf,
        contentType: "application/pdf",
      },
    ],
    headers: { "X-SPM-Report-Schedule": schedule.id },
  });
}
