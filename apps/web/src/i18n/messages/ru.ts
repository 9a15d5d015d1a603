import type { Messages } from "./en";

export const ru: Messages = {
  app: { title: "Мониторинг государственной программы", skip: "Перейти к содержанию" },
  nav: {
    overview: "Обзор",
    regions: "Регионы",
    uploads: "Загрузки",
    alerts: "Оповещения",
    admin: "Администрирование",
  },
  lang: { label: "Язык", en: "English", ru: "Русский", kk: "Қазақша" },
  overview: {
    years: "Годы программы {start}–{end}, базовый год {baseline}",
    asOf: "Статус на {date}",
    indicator: "Индикатор",
    status: "Статус",
    latest: "Последнее значение",
    target: "Цель",
    trajectory: "Траектория",
    baseline: "Базовое значение",
    noIndicators:
      "Программа ещё не загружена. Администратор может импортировать её командой «npm run spm -- program import FILE».",
    noValue: "данных пока нет",
    illustrative: "иллюстративная цель",
    counts: "Индикаторов: {count}",
  },
  auth: {
    title: "Вход",
    username: "Имя пользователя",
    password: "Пароль",
    submit: "Войти",
    signingIn: "Выполняется вход…",
    wrong: "Неверное имя пользователя или пароль.",
    tooMany: "Слишком много неудачных попыток. Повторите через {seconds} с.",
    failed: "Не удалось войти. Повторите позже.",
    signOut: "Выйти",
    signedInAs: "Вы вошли как {name} ({role})",
    forbiddenTitle: "Доступ запрещён",
    forbiddenText:
      "Ваша роль не даёт доступа к этой странице. Обратитесь к администратору, если он нужен.",
  },
  role: {
    viewer: "наблюдатель",
    steward: "ответственный за данные",
    manager: "менеджер",
    admin: "администратор",
  },
  demo: {
    banner:
      "Загружены синтетические демонстрационные данные: значения с источником «Synthetic demo data» не являются официальными. Администратор удаляет их командой «npm run spm -- demo remove».",
  },
  level: {
    green: "Цель достигнута",
    amber: "Отставание",
    red: "Сильное отставание",
    grey: "Данных пока нет",
    overdue: "Данные просрочены",
    none: "Наблюдение",
  },
  trajectory: {
    achieved: "Достигнуто",
    on_track: "В графике",
    acceleration_needed: "Нужно ускорение",
    off_track: "Не в графике",
    not_available: "Недостаточно данных",
  },
  unit: { percent: "%", count: "", number: "" },
  error: { title: "Что-то пошло не так", retry: "Повторить", notFound: "Страница не найдена" },
};
