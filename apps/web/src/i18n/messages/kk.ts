import type { Messages } from "./en";

export const kk: Messages = {
  app: { title: "Мемлекеттік бағдарлама мониторингі", skip: "Мазмұнға өту" },
  nav: {
    overview: "Шолу",
    regions: "Өңірлер",
    uploads: "Жүктеулер",
    alerts: "Хабарламалар",
    admin: "Әкімшілік",
  },
  lang: { label: "Тіл", en: "English", ru: "Русский", kk: "Қазақша" },
  overview: {
    years: "Бағдарлама жылдары {start}–{end}, базалық жыл {baseline}",
    asOf: "{date} жағдай бойынша мәртебе",
    indicator: "Индикатор",
    status: "Мәртебе",
    latest: "Соңғы мән",
    target: "Мақсат",
    trajectory: "Траектория",
    baseline: "Базалық мән",
    noIndicators:
      "Бағдарлама әлі жүктелмеген. Әкімші оны «npm run spm -- program import FILE» командасымен импорттай алады.",
    noValue: "деректер әлі жоқ",
    illustrative: "иллюстративтік мақсат",
    counts: "Индикаторлар саны: {count}",
  },
  auth: {
    title: "Кіру",
    username: "Пайдаланушы аты",
    password: "Құпиясөз",
    submit: "Кіру",
    signingIn: "Кіру орындалуда…",
    wrong: "Пайдаланушы аты немесе құпиясөз қате.",
    tooMany: "Сәтсіз әрекеттер тым көп. {seconds} с кейін қайталаңыз.",
    failed: "Кіру мүмкін болмады. Кейінірек қайталаңыз.",
    signOut: "Шығу",
    signedInAs: "Сіз {name} ({role}) ретінде кірдіңіз",
    forbiddenTitle: "Рұқсат жоқ",
    forbiddenText:
      "Сіздің рөліңіз бұл бетке кіруге рұқсат бермейді. Қажет болса, әкімшіге хабарласыңыз.",
  },
  role: {
    viewer: "бақылаушы",
    steward: "деректерге жауапты",
    manager: "менеджер",
    admin: "әкімші",
  },
  demo: {
    banner:
      "Синтетикалық демо-деректер жүктелген: дереккөзі «Synthetic demo data» болған мәндер ресми емес. Әкімші оларды «npm run spm -- demo remove» командасымен жояды.",
  },
  level: {
    green: "Мақсатқа жетті",
    amber: "Артта қалу",
    red: "Айтарлықтай артта қалу",
    grey: "Деректер әлі жоқ",
    overdue: "Деректер мерзімі өтті",
    none: "Бақылау",
  },
  trajectory: {
    achieved: "Қол жеткізілді",
    on_track: "Кестеге сай",
    acceleration_needed: "Жеделдету қажет",
    off_track: "Кестеден тыс",
    not_available: "Деректер жеткіліксіз",
  },
  unit: { percent: "%", count: "", number: "" },
  error: { title: "Қате орын алды", retry: "Қайталау", notFound: "Бет табылмады" },
};
