/** Messages for row errors in en, ru and kk. */
import type { RowError, RowErrorCode } from "./errors";
import { type Catalogue, interpolate } from "./i18n";
import type { Locale } from "./program";
import { QUALITY_CODES, type QualityCode } from "./quality-codes";
import { formatQualityFinding } from "./quality-messages";

const MESSAGES: Catalogue<Exclude<RowErrorCode, QualityCode>> = {
  en: {
    row_malformed: "The row cannot be read (wrong number of columns or broken quotes).",
    duplicate_row:
      "Row {row} later in the file gives the same indicator, period and region; that later row is used.",
    deleted_in_source:
      "The value is marked deleted in the source system; nothing is stored for it.",
    unmapped_combo:
      "Data element {dataElement} with category option combo “{categoryOptionCombo}” is mapped to no indicator; add it to an indicator's dhis2 mapping.",
    cell_error:
      "Cell {cell} shows the spreadsheet error {error} instead of a value; correct it and upload again.",
    formula_not_calculated:
      "Cell {cell} holds a formula that was never calculated (the program that wrote the file does not calculate); open the file in Excel or LibreOffice, save it and upload it again.",
    indicator_missing: "The indicator code is missing.",
    unknown_indicator: "Unknown indicator “{indicator}”.",
    unknown_region: "Unknown region “{region}”.",
    region_not_allowed_for_national_indicator:
      "Indicator {indicator} is reported for the whole country only; leave the region empty or write {nation}.",
    region_forbidden: "You may not submit figures for region {region}.",
    author_not_allowed:
      "The upload's author may no longer submit figures (account disabled, token revoked or expired, or role changed).",
    period_missing: "The period is missing.",
    period_invalid: "“{period}” is not a period; write 2018, 2018Q1 or 201803.",
    period_quarter_invalid: "“{period}”: the quarter must be Q1 to Q4.",
    period_month_invalid: "“{period}”: the month must be 01 to 12.",
    period_type_unsupported:
      "“{period}” is a DHIS2 {type} period; only yearly (2018), quarterly (2018Q1) and monthly (201803) periods are kept.",
    period_frequency_mismatch:
      "Indicator {indicator} is reported for each {expected:frequency}, but “{period}” is a {actual:frequency}.",
    period_out_of_range: "Period {period} is outside the programme's years {from}–{to}.",
    period_locked:
      "The figures of {year} for {region} are approved and locked; ask a manager to reopen them.",
    value_missing: "The value is missing.",
    value_not_a_number: "“{value}” is not a number.",
    value_ambiguous:
      "“{value}” is ambiguous: “,” may separate thousands or decimals. Write thousands with a space (1 234) or decimals with a point (1.234).",
    value_percent_sign_not_allowed: "“{value}” has a percent sign, but the unit is {unit:unit}.",
    value_out_of_range: "{value} is out of range for the unit {unit:unit} ({range}).",
    value_not_integer: "{value} is not a whole number; a count must be an integer.",
    flag_invalid: "Unknown flag “{flag}”; use one of: {allowed}.",
    text_too_long: "The {field:field} is longer than {max} characters.",
  },
  ru: {
    row_malformed: "Строку невозможно прочитать (неверное число столбцов или нарушены кавычки).",
    duplicate_row:
      "Строка {row} ниже в файле содержит тот же индикатор, период и регион; используется она.",
    deleted_in_source: "Значение помечено в исходной системе как удалённое; оно не сохраняется.",
    unmapped_combo:
      "Элемент данных {dataElement} с комбинацией категорий «{categoryOptionCombo}» не сопоставлен ни одному индикатору; добавьте его в сопоставление dhis2 индикатора.",
    cell_error:
      "В ячейке {cell} вместо значения ошибка таблицы {error}; исправьте её и загрузите файл снова.",
    formula_not_calculated:
      "В ячейке {cell} формула, которая ни разу не вычислялась (программа, создавшая файл, не вычисляет формулы); откройте файл в Excel или LibreOffice, сохраните и загрузите снова.",
    indicator_missing: "Не указан код индикатора.",
    unknown_indicator: "Неизвестный индикатор «{indicator}».",
    unknown_region: "Неизвестный регион «{region}».",
    region_not_allowed_for_national_indicator:
      "Индикатор {indicator} представляется только по стране в целом: оставьте регион пустым или укажите {nation}.",
    region_forbidden: "Вы не можете вносить данные по региону {region}.",
    author_not_allowed:
      "Автор загрузки больше не может вносить данные (учётная запись отключена, токен отозван или истёк, или роль изменена).",
    period_missing: "Не указан период.",
    period_invalid: "«{period}» не является периодом; укажите 2018, 2018Q1 или 201803.",
    period_quarter_invalid: "«{period}»: квартал должен быть от Q1 до Q4.",
    period_month_invalid: "«{period}»: месяц должен быть от 01 до 12.",
    period_type_unsupported:
      "«{period}» — период DHIS2 типа {type}; принимаются только годовые (2018), квартальные (2018Q1) и месячные (201803) периоды.",
    period_frequency_mismatch:
      "Индикатор {indicator} представляется за каждый {expected:frequency}, а «{period}» — это {actual:frequency}.",
    period_out_of_range: "Период {period} выходит за годы программы ({from}–{to}).",
    period_locked:
      "Данные за {year} год по территории {region} утверждены и закрыты; попросите руководителя открыть их снова.",
    value_missing: "Не указано значение.",
    value_not_a_number: "«{value}» не является числом.",
    value_ambiguous:
      "«{value}» читается неоднозначно: «,» может отделять тысячи или дробную часть. Пишите тысячи через пробел (1 234), а дробную часть — через точку (1.234).",
    value_percent_sign_not_allowed:
      "«{value}» содержит знак процента, но единица измерения — {unit:unit}.",
    value_out_of_range: "{value} вне допустимого диапазона для единицы «{unit:unit}» ({range}).",
    value_not_integer: "{value} не является целым числом, а количество должно быть целым.",
    flag_invalid: "Неизвестная отметка «{flag}»; допустимые значения: {allowed}.",
    text_too_long: "Поле «{field:field}» длиннее {max} символов.",
  },
  kk: {
    row_malformed: "Жолды оқу мүмкін емес (бағандар саны қате немесе тырнақшалар бұзылған).",
    duplicate_row:
      "Файлдағы төмендегі {row}-жол дәл осы индикаторды, кезеңді және өңірді береді; сол жол қолданылады.",
    deleted_in_source: "Мән бастапқы жүйеде жойылған деп белгіленген; ол сақталмайды.",
    unmapped_combo:
      "{dataElement} деректер элементі «{categoryOptionCombo}» санаттар комбинациясымен ешбір индикаторға сәйкестендірілмеген; оны индикатордың dhis2 сәйкестендіруіне қосыңыз.",
    cell_error:
      "{cell} ұяшығында мәннің орнына кесте қатесі {error} тұр; оны түзетіп, файлды қайта жүктеңіз.",
    formula_not_calculated:
      "{cell} ұяшығында ешқашан есептелмеген формула бар (файлды жасаған бағдарлама формулаларды есептемейді); файлды Excel немесе LibreOffice-те ашып, сақтаңыз да, қайта жүктеңіз.",
    indicator_missing: "Индикатор коды көрсетілмеген.",
    unknown_indicator: "«{indicator}» индикаторы белгісіз.",
    unknown_region: "«{region}» өңірі белгісіз.",
    region_not_allowed_for_national_indicator:
      "{indicator} индикаторы тек бүкіл ел бойынша ұсынылады: өңірді бос қалдырыңыз немесе {nation} деп көрсетіңіз.",
    region_forbidden: "Сіз {region} өңірі бойынша деректер енгізе алмайсыз.",
    author_not_allowed:
      "Жүктеу авторы енді деректер енгізе алмайды (тіркелгі өшірілген, токен кері қайтарылған не мерзімі өткен, немесе рөлі өзгерген).",
    period_missing: "Кезең көрсетілмеген.",
    period_invalid: "«{period}» кезең емес; 2018, 2018Q1 немесе 201803 түрінде жазыңыз.",
    period_quarter_invalid: "«{period}»: тоқсан Q1-ден Q4-ке дейін болуы керек.",
    period_month_invalid: "«{period}»: ай 01-ден 12-ге дейін болуы керек.",
    period_type_unsupported:
      "«{period}» — DHIS2 жүйесінің {type} түріндегі кезеңі; тек жылдық (2018), тоқсандық (2018Q1) және айлық (201803) кезеңдер қабылданады.",
    period_frequency_mismatch:
      "{indicator} индикаторы әр {expected:frequency} сайын ұсынылады, ал «{period}» — {actual:frequency}.",
    period_out_of_range: "{period} кезеңі бағдарлама жылдарынан ({from}–{to}) тыс.",
    period_locked:
      "{region} бойынша {year} жылғы деректер бекітілген және құлыпталған; оларды қайта ашуды менеджерден сұраңыз.",
    value_missing: "Мән көрсетілмеген.",
    value_not_a_number: "«{value}» сан емес.",
    value_ambiguous:
      "«{value}» екіұшты оқылады: «,» мыңдықтарды да, бөлшек бөлікті де бөле алады. Мыңдықтарды бос орынмен (1 234), бөлшек бөлікті нүктемен (1.234) жазыңыз.",
    value_percent_sign_not_allowed:
      "«{value}» пайыз белгісін қамтиды, бірақ өлшем бірлігі — {unit:unit}.",
    value_out_of_range:
      "{value} «{unit:unit}» өлшем бірлігі үшін рұқсат етілген ауқымнан тыс ({range}).",
    value_not_integer: "{value} бүтін сан емес; дана түріндегі мән бүтін болуы керек.",
    flag_invalid: "«{flag}» белгісі белгісіз; рұқсат етілген мәндер: {allowed}.",
    text_too_long: "«{field:field}» өрісі {max} таңбадан ұзын.",
  },
};

/** Writes a row error as a sentence in the reader's language, parameters filled in. */
export function formatRowError(error: RowError, locale: Locale): string {
  const code = error.code;
  if (isQualityCode(code)) return formatQualityFinding({ code, params: error.params }, locale);
  return interpolate(MESSAGES[locale][code], { field: error.field, ...error.params }, locale);
}

function isQualityCode(code: RowErrorCode): code is QualityCode {
  return (QUALITY_CODES as readonly string[]).includes(code);
}
