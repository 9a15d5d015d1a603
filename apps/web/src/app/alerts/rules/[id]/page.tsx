import { findAlertRule } from "@spm/services";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { type EditorRule, RuleEditor } from "~/components/alerts/rule-editor";
import { format } from "~/i18n";
import { getAlertsMessages } from "~/i18n/alerts";
import { getMessages } from "~/i18n/server";
import { db } from "~/lib/db";
import { requireUser } from "~/lib/session";
import { editorPrograms } from "../editor-data";

export default async function EditRulePage(props: { params: Promise<{ id: string }> }) {
  await connection();
  await requireUser("manager");
  const { id } = await props.params;
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const stored = await findAlertRule(db(), id);
  if (!stored) notFound();
  const { locale, t: common } = await getMessages();
  const t = getAlertsMessages(locale);
  return (
    <>
      <h1>{format(t.editor.editTitle, { name: stored.rule.name })}</h1>
      <RuleEditor
        programs={await editorPrograms(locale)}
        rule={stored.rule as EditorRule}
        ruleId={stored.id}
        programCode={stored.programCode}
        t={t}
        levels={common.level}
        trajectories={common.trajectory}
      />
    </>
  );
}
