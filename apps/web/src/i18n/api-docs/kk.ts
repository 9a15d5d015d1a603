import type { ApiDocsMessages } from "./index";

export const apiDocsKk: ApiDocsMessages = {
  title: "API",
  intro:
    "Министрліктердің жүйелері көрсеткіштерді API арқылы оқи және жібере алады. Оның OpenAPI 3.1 сипаттамасы ашық:",
  json: "құжат (JSON)",
  auth: "Кіру — сессия cookie (панель) немесе Authorization: Bearer <токен> тақырыбындағы API токені. Қателер — RFC 9457 problem+json.",
  unavailable: "API қолжетімсіз: оның сипаттамасын қазір көрсету мүмкін емес.",
  role: "Рөл",
  public: "барлығы",
  parameters: "Параметрлер",
  required: "міндетті",
  body: "Дене",
  answers: "Сәтті жауап",
  tags: {
    operations: "Пайдалану",
    auth: "Кіру",
    indicators: "Көрсеткіштер",
    programs: "Бағдарламалар",
    uploads: "Деректерді жіберу",
    alerts: "Ескертулер",
    notifications: "Хабарламалар",
    admin: "Әкімшілік",
  },
};
