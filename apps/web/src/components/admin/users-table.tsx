"use client";

import { useState } from "react";
import { ScrollBox } from "~/components/scroll-box";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";
import type { AgencyOption, RegionOption, UserRow } from "./types";
import { UserEditor } from "./user-editor";

/** Every account with its role, regions, agency and status, and an edit dialog per row. */
export function UsersTable(props: {
  users: UserRow[];
  currentUserId: string;
  regions: RegionOption[];
  agencies: AgencyOption[];
  labels: AdminMessages;
}) {
  const t = props.labels;
  const [notice, setNotice] = useState<string | null>(null);
  const names = new Map(props.regions.map((r) => [r.code, r.name]));
  const agencyNames = new Map(props.agencies.map((a) => [a.code, a.name]));
  return (
    <>
      <p role="status" className={styles.notice}>
        {notice}
      </p>
      {props.users.length === 0 ? (
        <p className="empty">{t.users.empty}</p>
      ) : (
        <ScrollBox label={t.users.tableCaption}>
          <table>
            <caption className="visually-hidden">{t.users.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.users.username}</th>
                <th scope="col">{t.users.displayName}</th>
                <th scope="col">{t.users.email}</th>
                <th scope="col">{t.users.role}</th>
                <th scope="col">{t.users.regions}</th>
                <th scope="col">{t.users.agency}</th>
                <th scope="col">{t.users.lang}</th>
                <th scope="col">{t.users.status}</th>
                <th scope="col">{t.users.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.users.map((u) => {
                const isSelf = u.id === props.currentUserId;
                return (
                  <tr key={u.id} data-username={u.username} data-user-id={u.id}>
                    <th scope="row">
                      {u.username} {isSelf && <span className="tag">{t.users.you}</span>}
                    </th>
                    <td>{u.displayName}</td>
                    <td>{u.email}</td>
                    <td data-role={u.role} data-confidential={u.confidential}>
                      {t.role[u.role]}{" "}
                      {u.confidential && <span className="tag">{t.confidential.tag}</span>}
                    </td>
                    <td data-regions={(u.regions ?? []).join(",")}>
                      {u.regions?.length ? (
                        u.regions.map((code) => (
                          <span key={code} className="tag" title={names.get(code)}>
                            {code}
                          </span>
                        ))
                      ) : (
                        <span className="muted">{t.regions.all}</span>
                      )}
                    </td>
                    <td data-agency={u.agency ?? ""}>
                      {u.agency ? (
                        <span title={u.agency}>{agencyNames.get(u.agency) ?? u.agency}</span>
                      ) : (
                        <span className="muted">{t.users.noAgency}</span>
                      )}
                    </td>
                    <td>{t.lang[u.lang]}</td>
                    <td data-status={u.disabled ? "disabled" : "active"}>
                      {u.disabled ? (
                        <span className={styles.off}>{t.users.disabled}</span>
                      ) : (
                        t.users.active
                      )}
                    </td>
                    <td>
                      <UserEditor
                        user={u}
                        isSelf={isSelf}
                        regions={props.regions}
                        agencies={props.agencies}
                        labels={t}
                        onSaved={setNotice}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
