/** Test helper: a reminder notification row to deliver to `address`. */
import type { NotificationRow } from "@spm/services";

export function reminderRow(address: string, id = "00000000-0000-4000-8000-000000000001") {
  return {
    id,
    address,
    lang: "en",
    payload: {
      type: "reminder",
      kind: "reminder_due",
      program: { code: "P", name: { en: "Programme", ru: "Программа" } },
      dueDate: "2020-01-01",
      items: [],
    },
  } as unknown as NotificationRow;
}
