import { ScrollBox } from "~/components/scroll-box";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";
import { TokenRevoke } from "./token-revoke";
import type { TokenRow } from "./types";

/** Every API token (never its secret) with its state, and a revoke action on live ones. */
export function TokensTable(props: { tokens: TokenRow[]; labels: AdminMessages }) {
  const t = props.labels;
  if (props.tokens.length === 0) return <p className="empty">{t.tokens.empty}</p>;
  return (
    <ScrollBox label={t.tokens.tableCaption}>
      <table>
        <caption className="visually-hidden">{t.tokens.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.tokens.name}</th>
            <th scope="col">{t.tokens.role}</th>
            <th scope="col">{t.tokens.regions}</th>
            <th scope="col">{t.tokens.createdBy}</th>
            <th scope="col">{t.tokens.createdAt}</th>
            <th scope="col">{t.tokens.expiresAt}</th>
            <th scope="col">{t.tokens.lastUsed}</th>
            <th scope="col">{t.tokens.status}</th>
            <th scope="col">{t.tokens.actions}</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((k) => (
            <tr key={k.id} data-token-id={k.id} data-token-name={k.name} data-status={k.state}>
              <th scope="row">{k.name}</th>
              <td data-confidential={k.confidential}>
                {t.role[k.role]}{" "}
                {k.confidential && <span className="tag">{t.confidential.tag}</span>}
              </td>
              <td>
                {k.regions?.length ? (
                  k.regions.map((code) => (
                    <span key={code} className="tag">
                      {code}
                    </span>
                  ))
                ) : (
                  <span className="muted">{t.regions.all}</span>
                )}
              </td>
              <td>{k.createdBy ?? <span className="muted">{t.audit.none}</span>}</td>
              <td>{k.createdAt}</td>
              <td>{k.expiresAt ?? <span className="muted">{t.tokens.noExpiry}</span>}</td>
              <td>{k.lastUsedAt ?? <span className="muted">{t.common.never}</span>}</td>
              <td>
                <span className={k.state === "active" ? undefined : styles.off}>
                  {t.tokens.state[k.state]}
                </span>
              </td>
              <td>
                {(k.state === "active" || k.state === "suspended") && (
                  <TokenRevoke id={k.id} name={k.name} labels={t.tokens} errors={t.errors} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
