import type { AuditEntry } from "@spm/db";
import type { Locale } from "@spm/kpi";
import { ScrollBox } from "~/components/scroll-box";
import { format } from "~/i18n";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";
import { compactJson, formatDateTime } from "./format";

/** Names for the ids the log refers to: `user:<id>` actors, users and tokens as entities. */
export interface AuditNames {
  users: Map<string, string>;
  tokens: Map<string, string>;
}

function actorName(actor: string, names: AuditNames, t: AdminMessages["audit"]): string {
  const [kind, id = ""] = actor.split(":", 2);
  if (kind === "user") return names.users.get(id) ?? actor;
  if (kind === "token" && names.tokens.has(id)) {
    return format(t.tokenActor, { name: names.tokens.get(id) ?? id });
  }
  return actor;
}

function entityName(entry: AuditEntry, names: AuditNames): string {
  if (entry.entity_type === "user") return names.users.get(entry.entity_id) ?? entry.entity_id;
  if (entry.entity_type === "api_token") {
    return names.tokens.get(entry.entity_id) ?? entry.entity_id;
  }
  return entry.entity_id;
}

function label(map: Record<string, string>, key: string): string {
  return Object.hasOwn(map, key) ? (map[key] ?? key) : key;
}

function Changes(props: { entry: AuditEntry; t: AdminMessages["audit"] }) {
  const { entry, t } = props;
  const before = compactJson(entry.before);
  const after = compactJson(entry.after);
  if (before === null && after === null) return <span className="muted">{t.none}</span>;
  return (
    <details>
      <summary>{t.details}</summary>
      <dl className={styles.json}>
        <dt>{t.before}</dt>
        <dd>
          <code>{before ?? t.none}</code>
        </dd>
        <dt>{t.after}</dt>
        <dd>
          <code>{after ?? t.none}</code>
        </dd>
      </dl>
    </details>
  );
}

/** The audit log, newest first: when, who, what, on which entity, and the before/after values. */
export function AuditTable(props: {
  entries: AuditEntry[];
  names: AuditNames;
  locale: Locale;
  labels: AdminMessages["audit"];
}) {
  const t = props.labels;
  return (
    <ScrollBox label={t.tableCaption}>
      <table>
        <caption className="visually-hidden">{t.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.time}</th>
            <th scope="col">{t.actor}</th>
            <th scope="col">{t.action}</th>
            <th scope="col">{t.entity}</th>
            <th scope="col">{t.changes}</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => {
            const entity = entityName(e, props.names);
            const history = `/admin/audit?${new URLSearchParams({ entityType: e.entity_type, entityId: e.entity_id })}`;
            return (
              <tr
                key={e.id}
                data-action={e.action}
                data-entity-type={e.entity_type}
                data-entity-id={e.entity_id}
              >
                <td className={styles.nowrap}>
                  <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, props.locale)}</time>
                  {e.ip && <div className="muted">{format(t.ip, { ip: e.ip })}</div>}
                  {e.request_id && (
                    <div className="muted">{format(t.request, { id: e.request_id })}</div>
                  )}
                </td>
                <td title={e.actor}>{actorName(e.actor, props.names, t)}</td>
                <td>
                  {label(t.actions, e.action)}
                  <div>
                    <code className="muted">{e.action}</code>
                  </div>
                </td>
                <td>
                  <span className="tag">{label(t.entityTypes, e.entity_type)}</span>{" "}
                  <span title={e.entity_id}>{entity}</span>
                  <div>
                    <a href={history} aria-label={format(t.historyLabel, { entity })}>
                      {t.history}
                    </a>
                  </div>
                </td>
                <td>
                  <Changes entry={e} t={t} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}
