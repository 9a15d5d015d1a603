import { format } from "~/i18n/format";

/**
 * Unread notices on a control: the number for the eye, the words for a screen reader, so the
 * visible text stays part of the control's name (WCAG 2.5.3). Nothing when there are none.
 */
export function UnreadCount(props: { n: number; label: string }) {
  if (props.n <= 0) return null;
  return (
    <>
      <span className="count" aria-hidden="true">
        {props.n}
      </span>
      <span className="visually-hidden">, {format(props.label, { n: props.n })}</span>
    </>
  );
}
