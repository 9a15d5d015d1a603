import type { ApprovalsMessages } from "./en";

/** Деректерді бекіту бетінің қазақша каталогы. */
export const approvalsKk: ApprovalsMessages = {
  title: "Деректерді бекіту",
  intro:
    "Әр аумақтың әр жылғы деректерін деректерге жауаптылар ұсынады, ал сол аумақтың басшылары бекітеді. Бекітілген деректер жабық: басшы жылды қайта ашқанша олар үшін жаңа жолдар қабылданбайды.",
  program: "Бағдарлама",
  year: "Жыл",
  show: "Көрсету",
  caption: "Бекіту: {program}, {year}, аумақтар бойынша",
  place: "Аумақ",
  state: "Күйі",
  latest: "Соңғы әрекет",
  comment: "Түсініктеме",
  figures: "Деректер",
  figuresOf: "{indicators} көрсеткіш бойынша {figures}",
  actions: "Әрекеттер",
  none: "—",
  states: { open: "ашық", submitted: "ұсынылған", approved: "бекітілген" },
  returned: "қайтарылған",
  lastAction: {
    submit: "ұсынған {by}, {at}",
    approve: "бекіткен {by}, {at}",
    return: "қайтарған {by}, {at}",
    reopen: "қайта ашқан {by}, {at}",
  },
  act: {
    submit: "Ұсыну",
    approve: "Бекіту",
    return: "Қайтару",
    reopen: "Қайта ашу",
  },
  commentLabel: "Деректер неге қайтарылады (қайтару үшін міндетті)",
  done: "Дайын: жылдың күйі — {state}.",
  failed: "Орындалмады: {detail}",
  network: "Серверге қосылу мүмкін болмады; қайталап көріңіз.",
  noPrograms: "Бірде-бір бағдарлама жүктелмеген.",
};
