"use client";

import type { RulePreview } from "@spm/services";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { callApi, type Problem } from "~/components/admin/api-client";
import type { AlertsMessages } from "~/i18n/alerts";
import { ProblemText } from "./problem-text";
import { RuleConditionFields } from "./rule-condition-fields";
import { type EditorProgram, type EditorRule, readRule } from "./rule-form-data";
import { RulePreviewSection } from "./rule-preview";
import { RuleRecipientFields } from "./rule-recipient-fields";
import { RuleScopeFields } from "./rule-scope-fields";

export type { EditorProgram, EditorRule } from "./rule-form-data";

/** The rule editor: every field of a rule, a preview of what it watches now, save and delete. */
export function RuleEditor(props: {
  programs: EditorProgram[];
  rule: EditorRule | null;
  ruleId: string | null;
  programCode: string | null;
  t: AlertsMessages;
  levels: Record<string, string>;
  trajectories: Record<string, string>;
}) {
  const { t, rule } = props;
  const router = useRouter();
  const e = t.editor;
  const [programCode, setProgramCode] = useState(
    props.programCode ?? props.programs[0]?.code ?? "",
  );
  const program = props.programs.find((p) => p.code === programCode);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: "preview" | "save", form: HTMLFormElement) {
    setBusy(true);
    setProblem(null);
    setSaved(false);
    const body = readRule(form);
    const result =
      action === "preview"
        ? await callApi<RulePreview>("POST", "alert-rules/preview", {
            ...body,
            program: programCode,
          })
        : props.ruleId
          ? await callApi("PATCH", `alert-rules/${props.ruleId}`, body)
          : await callApi("POST", "alert-rules", { ...body, program: programCode });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    if (action === "preview") return setPreview(result.data as never);
    setSaved(true);
    router.push("/alerts#rules");
    router.refresh();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void run(submitter?.value === "preview" ? "preview" : "save", event.currentTarget);
  }

  async function remove() {
    if (!props.ruleId || !window.confirm(e.confirmDelete)) return;
    setBusy(true);
    const result = await callApi("DELETE", `alert-rules/${props.ruleId}`);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    router.push("/alerts#rules");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="rule-editor" data-rule-editor noValidate>
      {problem && <ProblemText problem={problem} t={t.errors} />}
      {saved && (
        <p role="status" className="notice">
          {e.saved}
        </p>
      )}
      <label>
        {e.name}
        <input name="name" required maxLength={200} defaultValue={rule?.name ?? ""} />
      </label>
      <label>
        {e.program}
        <select
          name="program"
          value={programCode}
          disabled={props.ruleId !== null}
          onChange={(ev) => setProgramCode(ev.target.value)}
        >
          {props.programs.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name} ({p.code})
            </option>
          ))}
        </select>
      </label>
      <RuleScopeFields program={program} scope={rule?.scope} e={e} />
      <RuleConditionFields
        rule={rule}
        e={e}
        levels={props.levels}
        trajectories={props.trajectories}
      />
      <RuleRecipientFields rule={rule} t={t} />
      <label>
        {e.repeat}
        <input
          type="number"
          name="repeatIntervalMinutes"
          min={1}
          defaultValue={rule?.repeatIntervalMinutes ?? 1440}
        />
      </label>
      <label className="inline">
        <input type="checkbox" name="sendResolved" defaultChecked={rule?.sendResolved ?? true} />
        {e.sendResolved}
      </label>
      <label className="inline">
        <input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} />
        {e.enabled}
      </label>

      <p className="actions">
        <button type="submit" name="action" value="preview" disabled={busy}>
          {e.preview}
        </button>
        <button type="submit" name="action" value="save" disabled={busy}>
          {e.save}
        </button>
        {props.ruleId && (
          <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
            {e.delete}
          </button>
        )}
        <a href="/alerts#rules">{e.cancel}</a>
      </p>

      {preview && (
        <RulePreviewSection preview={preview} program={program} t={t} levels={props.levels} />
      )}
    </form>
  );
}
