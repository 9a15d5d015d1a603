"use client";

import { useId } from "react";
import type { AdminMessages } from "~/i18n/admin";
import styles from "./admin.module.css";
import type { RegionOption } from "./types";

/** Ticked region boxes (or the typed comma list when no programme is loaded), upper-cased. */
export function readRegions(data: FormData): string[] {
  const ticked = data.getAll("regions").map(String);
  const typed = String(data.get("regionsText") ?? "").split(",");
  const all = [...ticked, ...typed].map((r) => r.trim().toUpperCase()).filter(Boolean);
  return [...new Set(all)];
}

/** Region limits as boxes to tick, fed from the programmes' regions; an empty choice = every region. */
export function RegionPicker(props: {
  options: RegionOption[];
  selected: string[] | null;
  labels: AdminMessages["regions"];
  invalid?: boolean;
}) {
  const { labels, selected } = props;
  const hintId = useId();
  const known = new Set(props.options.map((o) => o.code));
  // A code the user already has but no programme lists any more stays visible and ticked.
  const options = [
    ...props.options,
    ...(selected ?? []).filter((c) => !known.has(c)).map((code) => ({ code, name: code })),
  ];
  if (options.length === 0) {
    return (
      <label>
        {labels.listLabel}
        <input
          name="regionsText"
          defaultValue={(selected ?? []).join(", ")}
          aria-describedby={hintId}
          aria-invalid={props.invalid || undefined}
          autoComplete="off"
        />
        <span id={hintId} className={styles.hint}>
          {labels.listHint}
        </span>
      </label>
    );
  }
  return (
    <fieldset className={styles.regions} aria-describedby={hintId}>
      <legend>{labels.legend}</legend>
      <p id={hintId} className={styles.hint}>
        {labels.hint}
      </p>
      <div className={styles.regionGrid}>
        {options.map((o) => (
          <label key={o.code} className={styles.check}>
            <input
              type="checkbox"
              name="regions"
              value={o.code}
              defaultChecked={selected?.includes(o.code) ?? false}
              aria-invalid={props.invalid || undefined}
            />
            <span>
              {o.name} <span className="muted">{o.code}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
