import type { ReactNode } from "react";

/** Checkboxes sending the ticked values under one field name, ticked at first as `checked`. */
export function Checkboxes(props: {
  name: string;
  options: { value: string; label: ReactNode }[];
  checked: readonly string[];
}) {
  return props.options.map((o) => (
    <label key={o.value} className="inline">
      <input
        type="checkbox"
        name={props.name}
        value={o.value}
        defaultChecked={props.checked.includes(o.value)}
      />
      {o.label}
    </label>
  ));
}
