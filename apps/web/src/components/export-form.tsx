import type { Locale } from "@spm/kpi";
import type { Messages } from "~/i18n/messages/en";

/**
 * The overview's download: a plain GET form to the API's export (through the dashboard's /api
 * forwarder, with the reader's session), for the programme, days and region shown.
 */
export function ExportForm(props: {
  program: string;
  asOf: string;
  /** The figures as reported on this day, when the overview shows them so. */
  reportedOn?: string | null;
  region?: string;
  locale: Locale;
  t: Messages;
}) {
  const { t } = props;
  return (
    <form
      method="get"
      action="/api/v1/export"
      className="filters"
      data-export
      aria-label={t.overview.download}
    >
      <input type="hidden" name="program" value={props.program} />
      <input type="hidden" name="asOf" value={props.asOf} />
      {props.reportedOn && <input type="hidden" name="reportedOn" value={props.reportedOn} />}
      {props.region && <input type="hidden" name="region" value={props.region} />}
      <input type="hidden" name="lang" value={props.locale} />
      <span>{t.overview.download}</span>{" "}
      <label>
        {t.overview.downloadFormat}{" "}
        <select name="format" defaultValue="xlsx">
          <option value="xlsx">{t.overview.downloadXlsx}</option>
          <option value="csv">{t.overview.downloadCsv}</option>
          <option value="json">{t.overview.downloadJson}</option>
          <option value="dhis2-json">{t.overview.downloadDhis2}</option>
        </select>
      </label>{" "}
      <button type="submit">{t.overview.downloadButton}</button>
    </form>
  );
}
