/** Sentences explaining a trajectory judged by Open SDG's progress measure, in en, ru and kk. */
import type { Catalogue } from "./i18n";

export type ProgressReason =
  | "progress_measure"
  | "progress_sign_change"
  | "progress_flat_target"
  | "progress_range"
  | "trend_measure";

export const PROGRESS_TEXT: Catalogue<ProgressReason> = {
  en: {
    progress_measure:
      "From {baselineYear} to {latestYear} the value {change:change} {growth} a year, against the {required} a year the target {target} ({targetYear}) needs: {progressStatus:progress} (progress {progress}, score {score}).",
    progress_sign_change:
      "The baseline {baseline} ({baselineYear}) and the latest value {latest} ({latestYear}) have opposite signs, so the progress measure is undefined.",
    progress_flat_target:
      "The target {target} ({targetYear}) equals the baseline, so the progress measure, a ratio of growth rates, is undefined.",
    progress_range:
      "The progress measure needs a single-number target; the target range {target} is not one.",
    trend_measure:
      "From {baselineYear} to {latestYear} the value {change:change} {growth} a year, where {wanted:wanted} is wanted: {progressStatus:progress} (substantial from {substantial} a year, moderate from {moderate}; score {score}).",
  },
  ru: {
    progress_measure:
      "С {baselineYear} по {latestYear} год значение {change:change} {growth} в год при {required} в год, необходимых для цели {target} ({targetYear}): {progressStatus:progress} (прогресс {progress}, балл {score}).",
    progress_sign_change:
      "Базовый уровень {baseline} ({baselineYear}) и последнее значение {latest} ({latestYear}) разных знаков, поэтому мера прогресса не определена.",
    progress_flat_target:
      "Цель {target} ({targetYear}) равна базовому уровню, поэтому мера прогресса (отношение темпов роста) не определена.",
    progress_range: "Мере прогресса нужна цель-число; целевой диапазон {target} ею не является.",
    trend_measure:
      "С {baselineYear} по {latestYear} год значение {change:change} {growth} в год при желаемом {wanted:wanted}: {progressStatus:progress} (значительный — от {substantial} в год, умеренный — от {moderate}; балл {score}).",
  },
  kk: {
    progress_measure:
      "{baselineYear}–{latestYear} жылдары мән жылына {growth} {change:change}, ал мақсатқа ({target}, {targetYear}) жету үшін жылына {required} қажет: {progressStatus:progress} (прогресс {progress}, балл {score}).",
    progress_sign_change:
      "Базалық деңгей {baseline} ({baselineYear}) мен соңғы мәннің {latest} ({latestYear}) таңбалары әртүрлі, сондықтан прогресс өлшемі анықталмайды.",
    progress_flat_target:
      "Мақсат {target} ({targetYear}) базалық деңгейге тең, сондықтан прогресс өлшемі (өсу қарқындарының қатынасы) анықталмайды.",
    progress_range:
      "Прогресс өлшеміне бір сандық мақсат қажет; мақсатты аралық {target} ондай емес.",
    trend_measure:
      "{baselineYear}–{latestYear} жылдары мән жылына {growth} {change:change}, қалаулы бағыт — {wanted:wanted}: {progressStatus:progress} (айтарлықтай — жылына {substantial} бастап, орташа — {moderate} бастап; балл {score}).",
  },
};

/** Notes added to a progress-measure explanation: the natural limit, a zero replaced. */
export const PROGRESS_NOTE_TEXT: Catalogue<"limit" | "zero"> = {
  en: {
    limit:
      "The cut-offs are multiplied by {coefficient}, as the baseline lies near the natural limit {limit}.",
    zero: "A baseline or target of 0 is taken as 0.001 for the growth rates.",
  },
  ru: {
    limit:
      "Пороги умножены на {coefficient}, так как базовый уровень близок к естественному пределу {limit}.",
    zero: "Нулевой базовый уровень или цель при расчёте темпов роста заменяются на 0,001.",
  },
  kk: {
    limit:
      "Базалық деңгей табиғи шекке ({limit}) жақын болғандықтан, шектік мәндер {coefficient} коэффициентіне көбейтілді.",
    zero: "Өсу қарқындарын есептегенде нөлдік базалық деңгей немесе мақсат 0,001-ге ауыстырылады.",
  },
};
