/** Sentences explaining a status ("why is this amber?") and level names, in en, ru and kk. */
import type { Catalogue } from "./i18n";
import { PROGRESS_TEXT } from "./progress-messages";
import type { CurrentReason, StatusLevelName, TrajectoryReason } from "./status-types";

export const CURRENT_TEXT: Catalogue<CurrentReason> = {
  en: {
    overdue: "Figures for {year} were due on {dueDate} and have not arrived.",
    no_data: "No figures yet, and none are due.",
    no_target: "{year}: value {actual}, but no target is set for that year.",
    monitor: "Monitored without a target; latest value: {actual} ({year}).",
    target_met: "{year}: value {actual} meets the target {target}.",
    within_one_point: "{year}: value {actual} is within 1 point of the target {target}.",
    progress_ratio:
      "{year}: value {actual} against the target {target} (baseline {baseline}) is {ratio} of the planned progress; green from {green}, amber from {amber}.",
    target_equals_baseline:
      "{year}: value {actual} is {ratio} of the target {target}, which equals the baseline; green from {green}, amber from {amber}.",
    range_inside: "{year}: value {actual} is inside the target range {target}.",
    range_near:
      "{year}: value {actual} is outside the target range {target}, by no more than 10% of its width.",
    range_outside:
      "{year}: value {actual} is outside the target range {target}, by more than 10% of its width.",
  },
  ru: {
    overdue: "Данные за {year} год ожидались {dueDate}, но не поступили.",
    no_data: "Данных пока нет, и срок их представления ещё не наступил.",
    no_target: "{year}: значение {actual}, но цель на этот год не установлена.",
    monitor: "Показатель отслеживается без цели; последнее значение: {actual} ({year}).",
    target_met: "{year}: значение {actual} достигает цели {target}.",
    within_one_point:
      "{year}: значение {actual} отличается от цели {target} не более чем на 1 пункт.",
    progress_ratio:
      "{year}: значение {actual} при цели {target} (базовый уровень {baseline}) составляет {ratio} запланированного прогресса; зелёный — от {green}, жёлтый — от {amber}.",
    target_equals_baseline:
      "{year}: значение {actual} составляет {ratio} от цели {target}, равной базовому уровню; зелёный — от {green}, жёлтый — от {amber}.",
    range_inside: "{year}: значение {actual} находится в целевом диапазоне {target}.",
    range_near:
      "{year}: значение {actual} вне целевого диапазона {target}, но не далее 10% его ширины.",
    range_outside:
      "{year}: значение {actual} вне целевого диапазона {target} более чем на 10% его ширины.",
  },
  kk: {
    overdue: "{year} жылғы деректер {dueDate} күтілген, бірақ түспеді.",
    no_data: "Деректер әлі жоқ, оларды ұсыну мерзімі де әлі келген жоқ.",
    no_target: "{year}: мәні {actual}, бірақ осы жылға мақсат белгіленбеген.",
    monitor: "Көрсеткіш мақсатсыз бақыланады; соңғы мәні: {actual} ({year}).",
    target_met: "{year}: мәні {actual}, мақсатқа ({target}) қол жеткізілді.",
    within_one_point: "{year}: мәні {actual} мақсаттан ({target}) 1 пункттен артық ауытқымайды.",
    progress_ratio:
      "{year}: мәні {actual}, мақсат {target} (базалық деңгей {baseline}) — жоспарланған прогрестің {ratio}-ы; жасыл — {green}-дан бастап, сары — {amber}-дан бастап.",
    target_equals_baseline:
      "{year}: мәні {actual} базалық деңгейге тең мақсаттың ({target}) {ratio}-ын құрайды; жасыл — {green}-дан бастап, сары — {amber}-дан бастап.",
    range_inside: "{year}: мәні {actual} мақсатты аралықта ({target}).",
    range_near:
      "{year}: мәні {actual} мақсатты аралықтан ({target}) тыс, бірақ аралық енінің 10%-ынан аспайды.",
    range_outside:
      "{year}: мәні {actual} мақсатты аралықтан ({target}) оның енінің 10%-ынан артық ауытқиды.",
  },
};

export const TRAJECTORY_TEXT: Catalogue<TrajectoryReason> = {
  en: {
    monitor: "No target: only the trend is shown.",
    no_target: "No final target is set.",
    too_few_points:
      "Too few points for a projection: the baseline and at least one programme year are needed.",
    already_achieved:
      "The latest value {latest} ({latestYear}) already meets the final target {target} ({targetYear}).",
    end_year_met:
      "The final year {targetYear} has the value {latest}, which meets the target {target}.",
    end_year_missed:
      "The final year {targetYear} has the value {latest}, which misses the target {target}.",
    projected_ratio:
      "Projection for {targetYear} ({method:method}): {projected} against the target {target}, {ratio} of the planned progress (on track from 95%, acceleration needed from 10%).",
    projected_flat_target:
      "Projection for {targetYear} ({method:method}): {projected}; the target {target} equals the baseline, so it is on track only if the projection reaches it.",
    projected_range:
      "Projection for {targetYear} ({method:method}): {projected} against the target range {target}.",
    ...PROGRESS_TEXT.en,
  },
  ru: {
    monitor: "Цели нет: показывается только тренд.",
    no_target: "Итоговая цель не установлена.",
    too_few_points:
      "Недостаточно точек для прогноза: нужны базовый уровень и хотя бы один год программы.",
    already_achieved:
      "Последнее значение {latest} ({latestYear}) уже достигает итоговой цели {target} ({targetYear}).",
    end_year_met: "За итоговый {targetYear} год значение {latest} достигает цели {target}.",
    end_year_missed: "За итоговый {targetYear} год значение {latest} не достигает цели {target}.",
    projected_ratio:
      "Прогноз на {targetYear} год ({method:method}): {projected} при цели {target}, это {ratio} запланированного прогресса (по плану — от 95%, нужно ускорение — от 10%).",
    projected_flat_target:
      "Прогноз на {targetYear} год ({method:method}): {projected}; цель {target} равна базовому уровню, поэтому «по плану» — только если прогноз её достигает.",
    projected_range:
      "Прогноз на {targetYear} год ({method:method}): {projected} при целевом диапазоне {target}.",
    ...PROGRESS_TEXT.ru,
  },
  kk: {
    monitor: "Мақсат жоқ: тек үрдіс көрсетіледі.",
    no_target: "Қорытынды мақсат белгіленбеген.",
    too_few_points:
      "Болжам үшін нүктелер жеткіліксіз: базалық деңгей және бағдарламаның кемінде бір жылы қажет.",
    already_achieved:
      "Соңғы мәні {latest} ({latestYear}) қорытынды мақсатқа ({target}, {targetYear}) қазірдің өзінде жетті.",
    end_year_met: "Қорытынды {targetYear} жылы мәні {latest}, мақсатқа ({target}) қол жеткізілді.",
    end_year_missed:
      "Қорытынды {targetYear} жылы мәні {latest}, мақсатқа ({target}) қол жеткізілмеді.",
    projected_ratio:
      "{targetYear} жылға болжам ({method:method}): {projected}, мақсат {target} — жоспарланған прогрестің {ratio}-ы (жоспар бойынша — 95%-дан, жеделдету қажет — 10%-дан бастап).",
    projected_flat_target:
      "{targetYear} жылға болжам ({method:method}): {projected}; мақсат {target} базалық деңгейге тең, сондықтан болжам оған жеткенде ғана «жоспар бойынша» болады.",
    projected_range:
      "{targetYear} жылға болжам ({method:method}): {projected}, мақсатты аралық {target}.",
    ...PROGRESS_TEXT.kk,
  },
};

export const NOTE_TEXT: Catalogue<"proRata" | "fallback"> = {
  en: {
    proRata: "The target and baseline are pro-rated to the {share} of the year elapsed.",
    fallback:
      "CAGR is undefined for these values (a zero or a change of sign), so the linear trend is used.",
  },
  ru: {
    proRata: "Цель и базовый уровень пересчитаны пропорционально прошедшей части года ({share}).",
    fallback:
      "CAGR не определён для этих значений (нуль или смена знака), поэтому использован линейный тренд.",
  },
  kk: {
    proRata: "Мақсат пен базалық деңгей жылдың өткен бөлігіне ({share}) пропорционал есептелді.",
    fallback:
      "Бұл мәндер үшін CAGR анықталмаған (нөл немесе таңбаның өзгеруі), сондықтан сызықтық үрдіс қолданылды.",
  },
};

export const LEVEL_TEXT: Catalogue<StatusLevelName> = {
  en: {
    none: "monitoring",
    green: "green",
    grey: "no data",
    amber: "amber",
    overdue: "overdue",
    red: "red",
    not_available: "not available",
    achieved: "achieved",
    on_track: "on track",
    acceleration_needed: "acceleration needed",
    off_track: "off track",
  },
  ru: {
    none: "мониторинг",
    green: "зелёный",
    grey: "нет данных",
    amber: "жёлтый",
    overdue: "просрочено",
    red: "красный",
    not_available: "нет оценки",
    achieved: "достигнуто",
    on_track: "по плану",
    acceleration_needed: "нужно ускорение",
    off_track: "отставание",
  },
  kk: {
    none: "мониторинг",
    green: "жасыл",
    grey: "деректер жоқ",
    amber: "сары",
    overdue: "мерзімі өтті",
    red: "қызыл",
    not_available: "бағалау жоқ",
    achieved: "қол жеткізілді",
    on_track: "жоспар бойынша",
    acceleration_needed: "жеделдету қажет",
    off_track: "жоспардан артта",
  },
};
