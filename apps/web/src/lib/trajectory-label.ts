import type { TrajectoryStatus } from "@spm/kpi";
import type { Messages } from "~/i18n/messages/en";

/**
 * The word shown for a trajectory: its level, except a monitor's trend (no level, but the
 * progress measure's words), which would otherwise read "not enough data".
 */
export function trajectoryLabel(
  trajectory: Pick<TrajectoryStatus, "level"> & Partial<Pick<TrajectoryStatus, "progressStatus">>,
  t: Pick<Messages, "trajectory" | "progress">,
): string {
  const words = trajectory.progressStatus ?? null;
  if (trajectory.level === "not_available" && words !== null) return t.progress[words];
  return t.trajectory[trajectory.level];
}
