import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";

/** A plain GET form (works without script): entity type, optional entity id. */
export function AuditFilter(props: {
  entityType: string | undefined;
  entityId: string | undefined;
  labels: AdminMessages["audit"];
}) {
  const t = props.labels;
  const types = Object.keys(t.entityTypes);
  // A type reached through a link but not in the catalogue stays selectable.
  if (props.entityType && !types.includes(props.entityType)) types.push(props.entityType);
  const typeNames: Record<string, string> = t.entityTypes;
  return (
    <form
      method="get"
      className={styles.filter}
      aria-label={t.filterTitle}
      data-form="audit-filter"
    >
      <label>
        {t.entityType}
        <select name="entityType" defaultValue={props.entityType ?? ""}>
          <option value="">{t.allTypes}</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {typeNames[type] ?? type}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.entityId}
        <input name="entityId" defaultValue={props.entityId ?? ""} autoComplete="off" />
      </label>
      <button type="submit">{t.filter}</button>
      {(props.entityType || props.entityId) && <a href="/admin/audit">{t.reset}</a>}
    </form>
  );
}
