import type { ApiDocsMessages } from "./index";

export const apiDocsRu: ApiDocsMessages = {
  title: "API",
  intro:
    "Системы министерств могут читать и отправлять показатели через API. Его описание OpenAPI 3.1 открыто:",
  json: "документ (JSON)",
  auth: "Вход — сессионный cookie (панель) или токен API в заголовке Authorization: Bearer <токен>. Ошибки — RFC 9457 problem+json.",
  unavailable: "API недоступен: его описание сейчас нельзя показать.",
  role: "Роль",
  public: "все",
  parameters: "Параметры",
  required: "обязательный",
  body: "Тело",
  answers: "Успех",
  tags: {
    operations: "Эксплуатация",
    auth: "Вход",
    indicators: "Показатели",
    programs: "Программы",
    uploads: "Отправка данных",
    alerts: "Оповещения",
    notifications: "Уведомления",
    admin: "Администрирование",
  },
};
