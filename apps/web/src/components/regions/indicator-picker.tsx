import type { Messages } from "~/i18n/messages/en";
import styles from "./regions.module.css";

/** Picks the indicator that colours the tile map: a plain GET form, so the view lives in the URL. */
export function IndicatorPicker(props: {
  program: string;
  chosen: string;
  options: { code: string; name: string }[];
  /** The view's days, kept as they are. */
  days: Record<string, string>;
  t: Messages;
}) {
  const { t } = props;
  return (
    <form method="get" className={styles.picker} aria-label={t.regions.map}>
      <input type="hidden" name="program" value={props.program} />
      {Object.entries(props.days).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label>
        {t.regions.indicator}
        <select name="indicator" defaultValue={props.chosen}>
          {props.options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t.regions.show}</button>
    </form>
  );
}
