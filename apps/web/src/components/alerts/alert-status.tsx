import { StatusBadge } from "~/components/status-badge";
import type { AlertsMessages } from "~/i18n/alerts";

const LOOK: Record<string, string> = { firing: "red", pending: "amber", normal: "green" };

/** An alert's state as icon + word (firing looks like red, pending like amber, resolved green). */
export function AlertStatusBadge(props: { status: string; labels: AlertsMessages["status"] }) {
  const label = (props.labels as Record<string, string>)[props.status] ?? props.status;
  return <StatusBadge level={LOOK[props.status] ?? "grey"} label={label} />;
}
