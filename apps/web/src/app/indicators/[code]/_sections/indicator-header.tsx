import { targetSourceOf, textIn } from "@spm/kpi";
import styles from "~/components/indicator/indicator.module.css";
import { format } from "~/i18n";
import type { SectionContext } from "./context";

/** The indicator's name, description, definition, baseline and the notices that qualify it. */
export function IndicatorHeader({
  ctx,
  demo,
  agency,
}: {
  ctx: SectionContext;
  demo: boolean;
  /** The name of the agency answerable for it, in the reader's language. */
  agency?: string;
}) {
  const { t, locale, value } = ctx;
  const { indicator } = ctx.data.view;
  return (
    <header>
      <h1 id="indicator-title">{indicator.name[locale]}</h1>
      {indicator.description && <p>{indicator.description[locale]}</p>}
      <dl className={styles.meta}>
        <div>
          <dt>{t.code}</dt>
          <dd>
            <code>{indicator.code}</code>
          </dd>
        </div>
        <div>
          <dt>{t.unit}</dt>
          <dd>{t.unitName[indicator.unit]}</dd>
        </div>
        <div>
          <dt>{t.polarity}</dt>
          <dd>
            {t.polarityName[indicator.polarity]}
            {indicator.polarityReason && (
              <span className="muted"> — {textIn(indicator.polarityReason, locale)}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t.frequency}</dt>
          <dd>
            {t.frequencyName[indicator.frequency]}
            {indicator.frequency !== "yearly" && (
              <span className="muted">
                {" "}
                ({t.aggregation}: {t.aggregationName[indicator.aggregation]})
              </span>
            )}
          </dd>
        </div>
        {indicator.owner && (
          <div>
            <dt>{t.owner}</dt>
            <dd>{textIn(indicator.owner, locale)}</dd>
          </div>
        )}
        {agency && (
          <div data-agency={indicator.agency}>
            <dt>{t.agency}</dt>
            <dd>{agency}</dd>
          </div>
        )}
      </dl>
      <p className="muted">
        {format(t.baselineSource, {
          year: indicator.baseline.year,
          value: value(indicator.baseline.value),
          source: textIn(indicator.baseline.source, locale),
        })}
      </p>
      {Object.keys(indicator.targets).some(
        (y) => targetSourceOf(indicator, Number(y)) === "illustrative",
      ) && (
        <p className={styles.notice} role="note" data-illustrative="">
          {t.illustrative}
        </p>
      )}
      {demo && (
        <p className={styles.notice} role="note" data-demo="">
          {t.demo}
        </p>
      )}
    </header>
  );
}
