/** The programme of a GET filter form (`?program=`), each named in the reader's language. */
export function ProgramSelect(props: {
  label: string;
  programs: { code: string; name: string }[];
  value: string | undefined;
}) {
  return (
    <label>
      {props.label}{" "}
      <select name="program" defaultValue={props.value}>
        {props.programs.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
