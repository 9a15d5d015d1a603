import type { AlertNoticePayload, ReminderPayload } from "@spm/services";
import { describe, expect, it } from "vitest";
import { signWebhook } from "./deliver";
import { renderEmail, renderWebhookBody } from "./render";

const alert: AlertNoticePayload = {
  type: "alert",
  kind: "firing",
  alertId: "a1",
  rule: { id: "r1", name: "Red <nationally> & overdue" },
  program: { code: "P", name: { en: "Programme", ru: "Программа" } },
  indicator: {
    code: "HQ_READINESS",
    name: { en: "Readiness of HQs", ru: "Готовность штабов" },
    unit: "percent",
  },
  place: { code: "KZ", name: { en: "Kazakhstan", ru: "Казахстан" }, national: true },
  condition: { kind: "status_is", levels: ["red"] },
  level: "red",
  previousLevel: "amber",
  trajectory: "off_track",
  year: 2020,
  value: 61.5,
  target: 95,
  firedAt: "2020-05-01T10:00:00.000Z",
  at: "2020-05-01T10:00:00.000Z",
  path: "/indicators/HQ_READINESS",
};

describe("renderEmail (alerts)", () => {
  it("writes the subject, facts and link in English", () => {
    const mail = renderEmail(alert, "en", "https://monitor.example.kz/");
    expect(mail.subject).toBe("Alert: Readiness of HQs (HQ_READINESS) in Kazakhstan is red");
    expect(mail.text).toContain("Latest value: 61.5 % (2020)");
    expect(mail.text).toContain("Target: 95 %");
    expect(mail.text).toContain("Status: amber → red");
    expect(mail.text).toContain(
      "Open the indicator: https://monitor.example.kz/indicators/HQ_READINESS",
    );
  });

  it("shows the confidential mark where a withheld value would be, in each language", () => {
    const withheld = { ...alert, value: null, confidential: true };
    expect(renderEmail(withheld, "en", "http://x").text).toContain(
      "Latest value: confidential (2020)",
    );
    expect(renderEmail(withheld, "ru", "http://x").text).toContain("конфиденциально (2020)");
    expect(renderEmail(withheld, "kk", "http://x").text).toContain("құпия (2020)");
    const digest = renderEmail(
      { type: "digest", rule: alert.rule, program: alert.program, at: alert.at, items: [withheld] },
      "en",
      "http://x",
    );
    expect(digest.text).toContain("latest value confidential (2020)");
  });

  it("writes Russian and Kazakh for recipients who read them", () => {
    expect(renderEmail(alert, "ru", "http://x").subject).toBe(
      "Оповещение: Готовность штабов (HQ_READINESS), Казахстан — красный",
    );
    const kk = renderEmail({ ...alert, kind: "resolved", level: "green" }, "kk", "http://x");
    // Kazakh names fall back to Russian when a programme gives none.
    expect(kk.subject).toBe(
      "Жойылды: Готовность штабов (HQ_READINESS), Казахстан — қайтадан жасыл",
    );
    expect(kk.text).toContain("Соңғы мән: 61,5 % (2020)");
  });

  it("escapes what managers and programmes wrote in the HTML part", () => {
    const html = renderEmail(alert, "en", "http://x").html;
    expect(html).toContain("Red &lt;nationally&gt; &amp; overdue");
    expect(html).not.toContain("<nationally>");
    expect(html).toContain('<html lang="en">');
  });

  it("shows a range target and a missing value", () => {
    const text = renderEmail({ ...alert, value: null, target: [10, 20] }, "en", "http://x").text;
    expect(text).toContain("Latest value: — (2020)");
    expect(text).toContain("Target: 10 % – 20 %");
  });

  it("falls back to English for an unknown language", () => {
    expect(renderEmail(alert, "de", "http://x").subject).toMatch(/^Alert: /);
  });
});

describe("renderEmail (digests)", () => {
  it("lists every notice of one evaluation in one e-mail", () => {
    const second = {
      ...alert,
      kind: "resolved" as const,
      alertId: "a2",
      indicator: { ...alert.indicator, code: "B", name: { en: "Beta", ru: "Бета" } },
      level: "green",
      value: 97,
      path: "/indicators/B",
    };
    const digest = {
      type: "digest" as const,
      rule: alert.rule,
      program: alert.program,
      at: alert.at,
      items: [alert, second],
    };
    const mail = renderEmail(digest, "en", "http://x");
    expect(mail.subject).toBe("2 alert notices from the rule “Red <nationally> & overdue”");
    expect(mail.text).toContain(
      "- fired: Readiness of HQs (HQ_READINESS), Kazakhstan — red, latest value 61.5 % (2020)\n  http://x/indicators/HQ_READINESS",
    );
    expect(mail.text).toContain(
      "- resolved: Beta (B), Kazakhstan — green, latest value 97 % (2020)",
    );
    expect(mail.html).toContain("Red &lt;nationally&gt;");
    expect(renderEmail(digest, "ru", "http://x").subject).toBe(
      "Оповещения по правилу «Red <nationally> & overdue»: 2",
    );
  });
});

describe("renderEmail (reminders)", () => {
  const reminder: ReminderPayload = {
    type: "reminder",
    kind: "reminder_overdue",
    program: { code: "P", name: { en: "Programme", ru: "Программа" } },
    dueDate: "2020-03-30",
    items: [
      {
        indicator: "A",
        name: { en: "Alpha", ru: "Альфа" },
        period: "2019",
        region: null,
        path: "/indicators/A",
      },
      {
        indicator: "B",
        name: { en: "Beta", ru: "Бета" },
        period: "2019",
        region: "KZ-ALA",
        path: "/indicators/B?region=KZ-ALA",
      },
    ],
  };

  it("lists every missing figure with its link", () => {
    const mail = renderEmail(reminder, "en", "http://x");
    expect(mail.subject).toBe("Figures overdue since March 30, 2020: 2 missing");
    expect(mail.text).toContain("- Alpha (A), 2019: http://x/indicators/A");
    expect(mail.text).toContain("- Beta (B), 2019, KZ-ALA: http://x/indicators/B?region=KZ-ALA");
    expect(renderEmail(reminder, "ru", "http://x").subject).toBe(
      "Данные просрочены с 30 марта 2020 г.: не хватает 2",
    );
  });

  it("names first the years returned to the steward, with the manager's comment", () => {
    const returned = {
      ...reminder,
      returned: [{ year: 2019, region: "KZ-ALA", comment: "Проверьте итог <по району>" }],
    };
    const mail = renderEmail(returned, "ru", "http://x");
    expect(mail.text.split("\n")[0]).toBe(
      "Возвращено вам на доработку: 2019, KZ-ALA — «Проверьте итог <по району>»",
    );
    expect(mail.html).toContain("Проверьте итог &lt;по району&gt;");
    expect(renderEmail(reminder, "ru", "http://x").text).not.toContain("Возвращено");
  });
});

describe("webhooks", () => {
  it("signs the timestamp and body with HMAC-SHA256 (value computed with openssl)", () => {
    expect(signWebhook("secret-key-0123456789", 1700000000, '{"a":1}')).toBe(
      "sha256=95a94f8e9919abdf552708a6c1d5604116ad2a78af755c3113cf47afa01d92f2",
    );
  });

  it("sends the notice's facts with an id, a type, a summary and a link", () => {
    expect(renderWebhookBody("n1", alert, "en", "http://x")).toEqual({
      id: "n1",
      type: "alert.firing",
      summary: "Alert: Readiness of HQs (HQ_READINESS) in Kazakhstan is red",
      url: "http://x/indicators/HQ_READINESS",
      alert,
    });
  });
});
