/**
 * Renders notifications for people (e-mail subject, text and HTML in the recipient's language)
 * and for machines (the webhook's JSON body), from the payload written at evaluation time.
 */

import { formatLevel, LOCALES, type Locale, type StatusLevelName } from "@spm/kpi";
import type {
  AlertDigestPayload,
  AlertNoticePayload,
  ApprovalReturnedPayload,
  ReminderPayload,
} from "@spm/services";

export type NotificationPayload =
  | AlertNoticePayload
  | AlertDigestPayload
  | ReminderPayload
  | ApprovalReturnedPayload;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const TEXT = {
  en: {
    firing: "Alert: {indicator} in {place} is {level}",
    repeat: "Still firing: {indicator} in {place} is {level}",
    resolved: "Resolved: {indicator} in {place} is {level} again",
    intro: {
      firing: "The rule “{rule}” started firing on {at}.",
      repeat: "The rule “{rule}” has been firing since {firedAt}.",
      resolved: "The rule “{rule}” stopped firing on {at} (it fired on {firedAt}).",
    },
    indicator: "Indicator",
    place: "Place",
    status: "Status",
    value: "Latest value",
    target: "Target",
    none: "—",
    confidential: "confidential",
    open: "Open the indicator",
    digest: "{count} alert notices from the rule “{rule}”",
    digestIntro: "The rule “{rule}” has {count} notices for you ({at}):",
    kindWord: { firing: "fired", repeat: "still firing", resolved: "resolved" },
    reminder_due: "Figures due by {dueDate}: {count} to send",
    reminder_overdue: "Figures overdue since {dueDate}: {count} missing",
    reminderIntro: {
      reminder_due: "These figures of “{program}” are due by {dueDate} and have not arrived yet:",
      reminder_overdue: "These figures of “{program}” were due on {dueDate} and have not arrived:",
    },
    returned: "Figures returned: {program}, {year}, {place}",
    reminderReturned: "Returned to you for correction: {unit} — “{comment}”",
    returnedIntro: "{by} returned the figures of {year} for {place} to you: “{comment}”",
    approvals: "Open the approvals",
    footer: "State Program Monitor. You receive this because a rule or your role names you.",
  },
  ru: {
    firing: "Оповещение: {indicator}, {place} — {level}",
    repeat: "Оповещение продолжается: {indicator}, {place} — {level}",
    resolved: "Снято: {indicator}, {place} — снова {level}",
    intro: {
      firing: "Правило «{rule}» сработало {at}.",
      repeat: "Правило «{rule}» действует с {firedAt}.",
      resolved: "Правило «{rule}» перестало действовать {at} (сработало {firedAt}).",
    },
    indicator: "Показатель",
    place: "Территория",
    status: "Статус",
    value: "Последнее значение",
    target: "Цель",
    none: "—",
    confidential: "конфиденциально",
    open: "Открыть показатель",
    digest: "Оповещения по правилу «{rule}»: {count}",
    digestIntro: "Правило «{rule}» прислало уведомления ({count}, {at}):",
    kindWord: { firing: "сработало", repeat: "продолжается", resolved: "снято" },
    reminder_due: "Срок представления данных — {dueDate}: ожидается {count}",
    reminder_overdue: "Данные просрочены с {dueDate}: не хватает {count}",
    reminderIntro: {
      reminder_due: "Эти данные программы «{program}» нужно представить до {dueDate}:",
      reminder_overdue: "Эти данные программы «{program}» ожидались {dueDate} и не поступили:",
    },
    returned: "Данные возвращены: {program}, {year}, {place}",
    reminderReturned: "Возвращено вам на доработку: {unit} — «{comment}»",
    returnedIntro: "{by} вернул(а) вам данные за {year} год по территории {place}: «{comment}»",
    approvals: "Открыть утверждение данных",
    footer: "Монитор госпрограммы. Письмо отправлено, потому что вы указаны в правиле или по роли.",
  },
  kk: {
    firing: "Ескерту: {indicator}, {place} — {level}",
    repeat: "Ескерту жалғасуда: {indicator}, {place} — {level}",
    resolved: "Жойылды: {indicator}, {place} — қайтадан {level}",
    intro: {
      firing: "«{rule}» ережесі {at} іске қосылды.",
      repeat: "«{rule}» ережесі {firedAt} бастап әрекет етуде.",
      resolved: "«{rule}» ережесі {at} тоқтады ({firedAt} іске қосылған).",
    },
    indicator: "Көрсеткіш",
    place: "Аумақ",
    status: "Мәртебе",
    value: "Соңғы мән",
    target: "Мақсат",
    none: "—",
    confidential: "құпия",
    open: "Көрсеткішті ашу",
    digest: "«{rule}» ережесі бойынша хабарламалар: {count}",
    digestIntro: "«{rule}» ережесі хабарламалар жіберді ({count}, {at}):",
    kindWord: { firing: "іске қосылды", repeat: "жалғасуда", resolved: "жойылды" },
    reminder_due: "Деректерді ұсыну мерзімі — {dueDate}: {count} күтілуде",
    reminder_overdue: "Деректер {dueDate} бастап кешіктірілді: {count} жетіспейді",
    reminderIntro: {
      reminder_due: "«{program}» бағдарламасының мына деректерін {dueDate} дейін ұсыну керек:",
      reminder_overdue:
        "«{program}» бағдарламасының мына деректері {dueDate} күтілген, бірақ түспеді:",
    },
    returned: "Деректер қайтарылды: {program}, {year}, {place}",
    reminderReturned: "Сізге түзетуге қайтарылды: {unit} — «{comment}»",
    returnedIntro: "{by} {place} бойынша {year} жылғы деректерді сізге қайтарды: «{comment}»",
    approvals: "Деректерді бекітуді ашу",
    footer: "Мемлекеттік бағдарлама мониторы. Хат ереже немесе рөліңіз бойынша жіберілді.",
  },
} as const;

export function localeOf(lang: string): Locale {
  return (LOCALES as readonly string[]).includes(lang) ? (lang as Locale) : "en";
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);
}

function nameIn(name: Record<string, string>, locale: Locale, fallback: string): string {
  return name[locale] ?? name.ru ?? name.en ?? fallback;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "kk" ? "kk-KZ" : locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  })
    .format(new Date(iso))
    .concat(" UTC");
}

function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "kk" ? "kk-KZ" : locale, {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(`${iso}T00:00:00Z`));
}

function formatValue(value: unknown, unit: string, locale: Locale): string {
  const one = (v: number) =>
    `${new Intl.NumberFormat(locale === "kk" ? "kk-KZ" : locale, { maximumFractionDigits: 2 }).format(v)}${unit === "percent" ? " %" : ""}`;
  if (typeof value === "number") return one(value);
  if (Array.isArray(value) && value.length === 2) return `${one(value[0])} – ${one(value[1])}`;
  return TEXT[locale].none;
}

// A value withheld from this recipient (a confidential figure) shows the mark, not a dash.
function valueText(p: AlertNoticePayload, locale: Locale): string {
  if (p.confidential && p.value === null) return TEXT[locale].confidential;
  return formatValue(p.value, p.indicator.unit, locale);
}

function link(appUrl: string, path: string): string {
  return `${appUrl.replace(/\/+$/, "")}${path}`;
}

/** Renders an alert or reminder e-mail in the recipient's language. */
export function renderEmail(
  payload: NotificationPayload,
  lang: string,
  appUrl: string,
): RenderedEmail {
  const locale = localeOf(lang);
  if (payload.type === "alert") return renderAlertEmail(payload, locale, appUrl);
  if (payload.type === "digest") return renderDigestEmail(payload, locale, appUrl);
  if (payload.type === "approval") return renderReturnedEmail(payload, locale, appUrl);
  return renderReminderEmail(payload, locale, appUrl);
}

function renderReturnedEmail(
  p: ApprovalReturnedPayload,
  locale: Locale,
  appUrl: string,
): RenderedEmail {
  const t = TEXT[locale];
  const values = {
    program: nameIn(p.program.name, locale, p.program.code),
    year: String(p.year),
    place: nameIn(p.place.name, locale, p.place.code),
    comment: p.comment,
    by: p.by,
  };
  const lines = [{ label: t.approvals, url: link(appUrl, p.path) }];
  const intro = fill(t.returnedIntro, values);
  return linkListEmail(
    fill(t.returned, values),
    intro,
    lines,
    (l) => `${l.label}: ${l.url}`,
    locale,
  );
}

function renderDigestEmail(p: AlertDigestPayload, locale: Locale, appUrl: string): RenderedEmail {
  const t = TEXT[locale];
  const values = {
    rule: p.rule.name,
    count: String(p.items.length),
    at: formatDateTime(p.at, locale),
  };
  const subject = fill(t.digest, values);
  const intro = fill(t.digestIntro, values);
  const lines = p.items.map((item) => {
    const value = `${valueText(item, locale)}${item.year ? ` (${item.year})` : ""}`;
    return {
      label: `${t.kindWord[item.kind]}: ${nameIn(item.indicator.name, locale, item.indicator.code)} (${item.indicator.code}), ${nameIn(item.place.name, locale, item.place.code)} — ${formatLevel(item.level as StatusLevelName, locale)}, ${t.value.toLowerCase()} ${value}`,
      url: link(appUrl, item.path),
    };
  });
  return linkListEmail(subject, intro, lines, (l) => `- ${l.label}\n  ${l.url}`, locale);
}

function renderAlertEmail(p: AlertNoticePayload, locale: Locale, appUrl: string): RenderedEmail {
  const t = TEXT[locale];
  const indicator = `${nameIn(p.indicator.name, locale, p.indicator.code)} (${p.indicator.code})`;
  const place = nameIn(p.place.name, locale, p.place.code);
  const level = formatLevel(p.level as StatusLevelName, locale);
  const values = {
    indicator,
    place,
    level,
    rule: p.rule.name,
    at: formatDateTime(p.at, locale),
    firedAt: formatDateTime(p.firedAt, locale),
  };
  const subject = fill(t[p.kind], values);
  const rows: [string, string][] = [
    [t.indicator, indicator],
    [t.place, place],
    [
      t.status,
      p.previousLevel && p.previousLevel !== p.level
        ? `${formatLevel(p.previousLevel as StatusLevelName, locale)} → ${level}`
        : level,
    ],
    [t.value, `${valueText(p, locale)}${p.year ? ` (${p.year})` : ""}`],
    [t.target, formatValue(p.target, p.indicator.unit, locale)],
  ];
  const url = link(appUrl, p.path);
  const intro = fill(t.intro[p.kind], values);
  const text = [
    intro,
    "",
    ...rows.map(([k, v]) => `${k}: ${v}`),
    "",
    `${t.open}: ${url}`,
    "",
    t.footer,
  ].join("\n");
  const html = page(
    subject,
    `<p>${escapeHtml(intro)}</p>
<table role="presentation" cellpadding="4">${rows
      .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
      .join("")}</table>
<p><a href="${escapeHtml(url)}">${escapeHtml(t.open)}</a></p>`,
    locale,
  );
  return { subject, text, html };
}

function renderReminderEmail(p: ReminderPayload, locale: Locale, appUrl: string): RenderedEmail {
  const t = TEXT[locale];
  const values = {
    dueDate: formatDate(p.dueDate, locale),
    count: String(p.items.length),
    program: nameIn(p.program.name, locale, p.program.code),
  };
  const subject = fill(t[p.kind], values);
  const intro = fill(t.reminderIntro[p.kind], values);
  const lines = p.items.map((i) => ({
    label: `${nameIn(i.name, locale, i.indicator)} (${i.indicator}), ${i.period}${i.region ? `, ${i.region}` : ""}`,
    url: link(appUrl, i.path),
  }));
  const notes = (p.returned ?? []).map((r) =>
    fill(t.reminderReturned, {
      unit: r.region ? `${r.year}, ${r.region}` : String(r.year),
      comment: r.comment ?? "",
    }),
  );
  return linkListEmail(subject, intro, lines, (l) => `- ${l.label}: ${l.url}`, locale, notes);
}

/** An e-mail that is an introduction and a list of links (digests, reminders). */
function linkListEmail(
  subject: string,
  intro: string,
  lines: { label: string; url: string }[],
  textLine: (line: { label: string; url: string }) => string,
  locale: Locale,
  notes: string[] = [],
): RenderedEmail {
  const footer = TEXT[locale].footer;
  const noteLines = notes.flatMap((n) => [n, ""]);
  const text = [...noteLines, intro, "", ...lines.map(textLine), "", footer].join("\n");
  const html = page(
    subject,
    `${notes.map((n) => `<p><strong>${escapeHtml(n)}</strong></p>`).join("")}<p>${escapeHtml(intro)}</p>
<ul>${lines.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></li>`).join("")}</ul>`,
    locale,
  );
  return { subject, text, html };
}

function page(title: string, body: string, locale: Locale): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif">
<h1 style="font-size:1.2em">${escapeHtml(title)}</h1>
${body}
<p style="color:#555;font-size:small">${escapeHtml(TEXT[locale].footer)}</p>
</body></html>`;
}

/** The JSON a webhook receives: the notice's facts, its id for de-duplication, and a summary. */
export function renderWebhookBody(
  notificationId: string,
  payload: NotificationPayload,
  lang: string,
  appUrl: string,
): Record<string, unknown> {
  const locale = localeOf(lang);
  if (payload.type === "digest")
    return { id: notificationId, type: "alert.digest", digest: payload };
  if (payload.type === "approval")
    return { id: notificationId, type: "approval.returned", approval: payload };
  if (payload.type !== "alert")
    return { id: notificationId, type: `reminder.${payload.kind}`, reminder: payload };
  return {
    id: notificationId,
    type: `alert.${payload.kind}`,
    summary: renderAlertEmail(payload, locale, appUrl).subject,
    url: link(appUrl, payload.path),
    alert: payload,
  };
}
