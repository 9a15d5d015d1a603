/** Messages of the validation rules' and the outlier check's findings in en, ru and kk. */
import { type Catalogue, interpolate } from "./i18n";
import type { Locale } from "./locales";
import { OUTLIER_SIGMAS, type QualityCode } from "./quality-codes";

const MESSAGES: Catalogue<QualityCode> = {
  en: {
    rule_min: "{value} is below the indicator's minimum of {min}.",
    rule_max: "{value} is above the indicator's maximum of {max}.",
    rule_change_max_pct:
      "{value} differs by more than {max}% from the figure of period {period} for the same place.",
    rule_regions_sum_max_national:
      "With {value}, the regions' sum for this period exceeds the national figure.",
    outlier: `{value} lies more than ${OUTLIER_SIGMAS} standard deviations from this place's {points} earlier figures; check it.`,
  },
  ru: {
    rule_min: "{value} меньше минимума индикатора ({min}).",
    rule_max: "{value} больше максимума индикатора ({max}).",
    rule_change_max_pct:
      "{value} отличается более чем на {max}% от значения за период {period} по тому же месту.",
    rule_regions_sum_max_national:
      "Со значением {value} сумма по регионам за этот период превышает значение по стране.",
    outlier: `{value} отклоняется более чем на ${OUTLIER_SIGMAS} стандартных отклонения от прежних значений по этому месту ({points}); проверьте его.`,
  },
  kk: {
    rule_min: "{value} индикатордың ең кіші мәнінен ({min}) кем.",
    rule_max: "{value} индикатордың ең үлкен мәнінен ({max}) артық.",
    rule_change_max_pct:
      "{value} сол орын бойынша {period} кезеңінің мәнінен {max}%-дан астам ерекшеленеді.",
    rule_regions_sum_max_national:
      "{value} мәнімен осы кезеңдегі өңірлер сомасы ел бойынша мәннен асады.",
    outlier: `{value} осы орынның бұрынғы мәндерінен ({points}) ${OUTLIER_SIGMAS} стандартты ауытқудан астам алшақ; оны тексеріңіз.`,
  },
};

/** Writes a finding of a rule or of the outlier check in the reader's language. */
export function formatQualityFinding(
  finding: { code: QualityCode; params: Readonly<Record<string, string | number>> },
  locale: Locale,
): string {
  return interpolate(MESSAGES[locale][finding.code], finding.params, locale);
}
