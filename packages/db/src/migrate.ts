import type { Kysely } from "kysely";
import { type Migration, type MigrationResultSet, Migrator } from "kysely/migration";
import * as initial from "./migrations/2026_11_26_0700_initial";
import * as uploadProcessing from "./migrations/2026_11_26_0800_upload_processing";
import * as alerts from "./migrations/2026_11_26_0900_alerts";
import * as statusWork from "./migrations/2026_12_01_2000_status_work";
import * as progressMeasure from "./migrations/2026_12_01_2300_progress_measure";
import * as statusYears from "./migrations/2026_12_02_0900_status_years";
import * as notificationClaims from "./migrations/2026_12_07_1840_notification_claims";
import * as tokenExpiry from "./migrations/2026_12_07_1900_token_expiry";
import * as confidential from "./migrations/2026_12_07_1910_confidential";
import * as indicatorEdits from "./migrations/2026_12_08_0200_indicator_edits";
import * as narratives from "./migrations/2026_12_08_0210_narratives";
import * as sources from "./migrations/2026_12_08_0220_sources";
import * as annualReports from "./migrations/2026_12_08_0230_annual_reports";
import * as reportSchedules from "./migrations/2026_12_08_0240_report_schedules";
import * as localizedTexts from "./migrations/2026_12_08_0250_localized_texts";
import * as userAgency from "./migrations/2026_12_08_0260_user_agency";
import * as observationsByRevision from "./migrations/2026_12_08_0270_observations_by_revision";
import * as formUploads from "./migrations/2026_12_08_0280_form_uploads";
import * as approvals from "./migrations/2026_12_08_0400_approvals";
import * as dataQuality from "./migrations/2026_12_08_0500_data_quality";
import * as uploadRowCells from "./migrations/2026_12_08_0600_upload_row_cells";
import * as uploadChunks from "./migrations/2026_12_08_0610_upload_chunks";

// Inline provider: the same list runs from tsx, tests and built code.
const migrations: Record<string, Migration> = {
  "2026_11_26_0700_initial": initial,
  "2026_11_26_0800_upload_processing": uploadProcessing,
  "2026_11_26_0900_alerts": alerts,
  "2026_12_01_2000_status_work": statusWork,
  "2026_12_01_2300_progress_measure": progressMeasure,
  "2026_12_02_0900_status_years": statusYears,
  "2026_12_07_1840_notification_claims": notificationClaims,
  "2026_12_07_1900_token_expiry": tokenExpiry,
  "2026_12_07_1910_confidential": confidential,
  "2026_12_08_0200_indicator_edits": indicatorEdits,
  "2026_12_08_0210_narratives": narratives,
  "2026_12_08_0220_sources": sources,
  "2026_12_08_0230_annual_reports": annualReports,
  "2026_12_08_0240_report_schedules": reportSchedules,
  "2026_12_08_0250_localized_texts": localizedTexts,
  "2026_12_08_0260_user_agency": userAgency,
  "2026_12_08_0270_observations_by_revision": observationsByRevision,
  "2026_12_08_0280_form_uploads": formUploads,
  "2026_12_08_0400_approvals": approvals,
  "2026_12_08_0500_data_quality": dataQuality,
  "2026_12_08_0600_upload_row_cells": uploadRowCells,
  "2026_12_08_0610_upload_chunks": uploadChunks,
};

/** Applies every pending migration and returns the ones it ran; throws on the first failure. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
