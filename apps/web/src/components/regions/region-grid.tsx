import type { Locale } from "@spm/kpi";
import type { IndicatorStatusView } from "@spm/services";
import { ScrollBox } from "~/components/scroll-box";
import { StatusBadge } from "~/components/status-badge";
import type { Messages } from "~/i18n/messages/en";

/** Regions × one direction's regional indicators: every cell's current status, each a link to
 * its history. */
export function RegionGrid(props: {
  regions: { code: string; name: string; views: IndicatorStatusView[] }[];
  indicators: IndicatorStatusView[];
  /** The direction whose indicators are the columns. */
  direction: string;
  /** The view's days, kept by every link (empty for today's view). */
  linkQuery?: string;
  locale: Locale;
  t: Messages;
}) {
  const { locale, t } = props;
  const days = props.linkQuery ?? "";
  const byRegion = new Map(
    props.regions.map((r) => [r.code, new Map(r.views.map((v) => [v.indicator.code, v]))]),
  );
  return (
    <ScrollBox label={t.regions.caption}>
      <table className="region-grid" data-region-grid={props.direction}>
        <caption className="visually-hidden">{t.regions.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.regions.region}</th>
            {props.indicators.map((v) => (
              <th key={v.indicator.code} scope="col" title={v.indicator.name[locale]}>
                <a href={`/indicators/${v.indicator.code}${days && `?${days}`}`}>
                  {v.indicator.name[locale]}
                </a>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.regions.map((region) => (
            <tr key={region.code} data-region={region.code}>
              <th scope="row">{region.name}</th>
              {props.indicators.map((col) => {
                const cell = byRegion.get(region.code)?.get(col.indicator.code);
                const level = cell?.status.current.level ?? "grey";
                return (
                  <td key={col.indicator.code}>
                    <a
                      href={`/indicators/${col.indicator.code}?region=${region.code}${days && `&${days}`}`}
                      title={cell?.explanation.current}
                    >
                      <StatusBadge level={level} label={t.level[level]} />
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
