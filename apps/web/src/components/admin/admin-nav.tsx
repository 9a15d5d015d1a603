"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";

const SECTIONS = [
  ["/admin", "home"],
  ["/admin/users", "users"],
  ["/admin/tokens", "tokens"],
  ["/admin/audit", "audit"],
  ["/admin/outbox", "outbox"],
  ["/admin/sources", "sources"],
  ["/admin/programs", "programs"],
] as const;

/** The tabs of the administration area; the current one is marked for assistive technology. */
export function AdminNav(props: { labels: AdminMessages["nav"] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={props.labels.label} className={styles.tabs}>
      <ul>
        {SECTIONS.map(([href, key]) => (
          <li key={href}>
            <Link href={href} aria-current={pathname === href ? "page" : undefined}>
              {props.labels[key]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
