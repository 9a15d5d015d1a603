/**
 * File-level problems of an upload (the file as a whole cannot be taken) and warnings, each with
 * a stable code, its parameters, and a message in every language of the interface.
 */
import type { Locale } from "@spm/kpi";

/** Codes of the problems that make a whole file unusable. */
export const FILE_ERROR_CODES = [
  "file_empty",
  "file_unreadable",
  "format_unsupported",
  "format_ods",
  "header_missing",
  "header_missing_columns",
  "header_duplicate_columns",
  "csv_quote_not_closed",
  "csv_row_too_long",
  "row_too_many_columns",
  "xlsx_too_large",
  "not_a_data_value_set",
  "data_values_unreadable",
] as const;
/** Code of a problem that makes a whole file unusable. */
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

/** Codes of the warnings about a file whose rows are still read. */
export const FILE_WARNING_CODES = ["columns_ignored", "rows_above_header"] as const;
/** Code of a warning about a file whose rows are still read. */
export type FileWarningCode = (typeof FILE_WARNING_CODES)[number];

/** Values filled into the message of a file error or warning. */
export type FileProblemParams = Readonly<Record<string, string | number>>;

/** A problem with the whole file: nothing of it is taken. */
export interface FileError {
  code: FileErrorCode;
  params: FileProblemParams;
  message: Record<Locale, string>;
}

/** Something the steward should know about the file, though its rows are read. */
export interface FileWarning {
  code: FileWarningCode;
  params: FileProblemParams;
  message: Record<Locale, string>;
}

const COLUMNS = "indicator, period, region, value, flag, note, source";

const MESSAGES: Record<Locale, Record<FileErrorCode | FileWarningCode, string>> = {
  en: {
    file_empty: "The file is empty: it has no header and no rows.",
    file_unreadable: "The file cannot be read. Upload a CSV file or an Excel workbook (.xlsx).",
    format_unsupported:
      "Old Excel files (.xls, Excel 2003 XML, a web page saved as .xls) and password-protected ones cannot be read. Save the workbook as .xlsx or CSV without a password and upload it again.",
    format_ods:
      "OpenDocument spreadsheets (.ods) cannot be read. In LibreOffice choose File → Save As, save the sheet as Excel 2007-365 (.xlsx) or as CSV, and upload that file.",
    header_missing: `No header with the column names was found: it must be the first row of a CSV file, and of a sheet or below at most 20 rows of notes. Columns: ${COLUMNS}.`,
    header_missing_columns:
      "Required columns are missing: {columns}. The header must name at least indicator, period and value.",
    header_duplicate_columns: "Several columns mean the same thing: {columns}. Keep one of each.",
    csv_quote_not_closed:
      "A quotation mark opened in row {row} is never closed, so the rest of the file cannot be read.",
    csv_row_too_long:
      "Row {row} is longer than {max} characters; check it for a missing closing quotation mark.",
    row_too_many_columns: "Row {row} has more than {max} columns; a table has a few columns only.",
    xlsx_too_large:
      "The workbook unpacks to more than {max} MB or is packed too densely to be real data; upload its data sheet as CSV.",
    not_a_data_value_set:
      'The file is not a DHIS2 data value set: in JSON an object with a "dataValues" array, in XML a <dataValueSet> element with <dataValue> elements.',
    data_values_unreadable:
      "The file breaks near data value {row} (counted from 1), so the rest of it cannot be read.",
    columns_ignored: "These columns are not used and were ignored: {columns}.",
    rows_above_header:
      "The header is row {row}; the rows above it ({count}) were read as notes, not as figures.",
  },
  ru: {
    file_empty: "Файл пуст: в нём нет ни заголовка, ни строк.",
    file_unreadable: "Не удалось прочитать файл. Загрузите файл CSV или книгу Excel (.xlsx).",
    format_unsupported:
      "Файлы Excel старого формата (.xls, XML Excel 2003, веб-страница, сохранённая как .xls) и файлы с паролем не читаются. Сохраните книгу как .xlsx или CSV без пароля и загрузите снова.",
    format_ods:
      "Таблицы OpenDocument (.ods) не читаются. В LibreOffice выберите Файл → Сохранить как, сохраните лист в формате Excel 2007-365 (.xlsx) или CSV и загрузите этот файл.",
    header_missing: `Не найден заголовок с названиями столбцов: он должен быть первой строкой файла CSV, а на листе — первой строкой или ниже не более чем 20 строк примечаний. Столбцы: ${COLUMNS}.`,
    header_missing_columns:
      "Нет обязательных столбцов: {columns}. В заголовке должны быть как минимум indicator, period и value.",
    header_duplicate_columns:
      "Несколько столбцов означают одно и то же: {columns}. Оставьте по одному.",
    csv_quote_not_closed:
      "Кавычка, открытая в строке {row}, не закрыта, поэтому остальную часть файла прочитать нельзя.",
    csv_row_too_long:
      "Строка {row} длиннее {max} символов; проверьте, не пропущена ли закрывающая кавычка.",
    row_too_many_columns:
      "В строке {row} больше {max} столбцов; в таблице лишь несколько столбцов.",
    xlsx_too_large:
      "Книга распаковывается более чем в {max} МБ или сжата слишком плотно для настоящих данных; загрузите лист с данными как CSV.",
    not_a_data_value_set:
      'Файл не является набором значений DHIS2: в JSON нужен объект с массивом "dataValues", в XML — элемент <dataValueSet> с элементами <dataValue>.',
    data_values_unreadable:
      "Файл нарушен около значения {row} (считая с 1), поэтому остальную его часть прочитать нельзя.",
    columns_ignored: "Эти столбцы не используются и пропущены: {columns}.",
    rows_above_header:
      "Заголовок находится в строке {row}; строки над ним ({count}) прочитаны как примечания, а не как данные.",
  },
  kk: {
    file_empty: "Файл бос: онда тақырып жолы да, деректер жолдары да жоқ.",
    file_unreadable: "Файлды оқу мүмкін емес. CSV файлын немесе Excel кітабын (.xlsx) жүктеңіз.",
    format_unsupported:
      "Excel-дің ескі форматындағы (.xls, Excel 2003 XML, .xls ретінде сақталған веб-бет) және құпиясөзбен қорғалған файлдар оқылмайды. Кітапты құпиясөзсіз .xlsx немесе CSV ретінде сақтап, қайта жүктеңіз.",
    format_ods:
      "OpenDocument кестелері (.ods) оқылмайды. LibreOffice-те Файл → Басқаша сақтау тармағын таңдап, парақты Excel 2007-365 (.xlsx) немесе CSV пішімінде сақтаңыз да, сол файлды жүктеңіз.",
    header_missing: `Бағандар атаулары бар тақырып жолы табылмады: ол CSV файлында бірінші жол, ал парақта бірінші жол немесе ең көбі 20 ескертпе жолының астында болуы керек. Бағандар: ${COLUMNS}.`,
    header_missing_columns:
      "Міндетті бағандар жоқ: {columns}. Тақырып жолында кемінде indicator, period және value болуы керек.",
    header_duplicate_columns:
      "Бірнеше баған бір мәнді білдіреді: {columns}. Әрқайсысынан біреуін қалдырыңыз.",
    csv_quote_not_closed:
      "{row}-жолда ашылған тырнақша жабылмаған, сондықтан файлдың қалған бөлігін оқу мүмкін емес.",
    csv_row_too_long:
      "{row}-жол {max} таңбадан ұзын; жабатын тырнақшаның түсіп қалмағанын тексеріңіз.",
    row_too_many_columns: "{row}-жолда {max} бағаннан көп; кестеде бірнеше баған ғана болады.",
    xlsx_too_large:
      "Кітап {max} МБ-тан көпке ашылады немесе нақты деректер үшін тым тығыз сығылған; деректер парағын CSV ретінде жүктеңіз.",
    not_a_data_value_set:
      'Файл DHIS2 мәндер жиыны емес: JSON-да "dataValues" жиымы бар объект, XML-де <dataValue> элементтері бар <dataValueSet> элементі қажет.',
    data_values_unreadable:
      "Файл {row}-мәннің (1-ден бастап санағанда) маңында бұзылған, сондықтан оның қалған бөлігін оқу мүмкін емес.",
    columns_ignored: "Бұл бағандар пайдаланылмайды, олар өткізіп жіберілді: {columns}.",
    rows_above_header:
      "Тақырып жолы — {row}-жол; оның үстіндегі жолдар ({count}) деректер емес, ескертпелер ретінде оқылды.",
  },
};

function render(code: FileErrorCode | FileWarningCode, params: FileProblemParams) {
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? "—"));
  return { en: fill(MESSAGES.en[code]), ru: fill(MESSAGES.ru[code]), kk: fill(MESSAGES.kk[code]) };
}

/** Builds a file error with its messages in en, ru and kk. */
export function fileError(code: FileErrorCode, params: FileProblemParams = {}): FileError {
  return { code, params, message: render(code, params) };
}

/** Builds a file warning with its messages in en, ru and kk. */
export function fileWarning(code: FileWarningCode, params: FileProblemParams = {}): FileWarning {
  return { code, params, message: render(code, params) };
}

/** Thrown by the rows of a parsed upload when the file turns out unreadable after its header. */
export class UploadFileError extends Error {
  override readonly name = "UploadFileError";
  constructor(readonly error: FileError) {
    super(`${error.code}: ${error.message.en}`);
  }
}
