import { CURRENT_LEVELS, type CurrentLevel, countLevels } from "@spm/kpi";
import type { Messages } from "~/i18n/messages/en";
import { StatusBadge } from "./status-badge";

/** How many indicators of a set stand at each level, worst first, as badges with numbers. */
export function LevelCounts(props: { levels: CurrentLevel[]; t: Messages }) {
  const counts = countLevels(CURRENT_LEVELS, props.levels);
  const order = [...CURRENT_LEVELS].reverse().filter((l) => counts[l] > 0);
  return (
    <p className="level-counts" data-level-counts>
      {order.map((level) => (
        <span key={level} data-count-level={level}>
          <StatusBadge level={level} label={`${props.t.level[level]}: ${counts[level]}`} />
        </span>
      ))}
    </p>
  );
}
