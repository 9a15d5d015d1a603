import { connection } from "next/server";
import { RuleEditor } from "~/components/alerts/rule-editor";
import { getAlertsMessages } from "~/i18n/alerts";
import { getMessages } from "~/i18n/server";
import { requireUser } from "~/lib/session";
import { editorPrograms } from "../editor-data";

export default async function NewRulePage() {
  await connection();
  await requireUser("manager");
  const { locale, t: common } = await getMessages();
  const t = getAlertsMessages(locale);
  return (
    <>
      <h1>{t.editor.newTitle}</h1>
      <RuleEditor
        programs={await editorPrograms(locale)}
        rule={null}
        ruleId={null}
        programCode={null}
        t={t}
        levels={common.level}
        trajectories={common.trajectory}
      />
    </>
  );
}
