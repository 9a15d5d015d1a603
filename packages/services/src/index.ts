export {
  type AlertActionResult,
  acknowledgeAlertById,
  silenceAlertById,
} from "./alerts/actions";
export { type EvaluationResult, evaluateAlerts, type PendingDelivery } from "./alerts/evaluate";
export type { AlertDigestPayload, AlertNoticePayload } from "./alerts/notices";
export * from "./alerts/notifications";
export {
  type AlertListState,
  type AlertView,
  countFiringAlerts,
  getAlert,
  listAlerts,
} from "./alerts/reads";
export type { ApprovalReturnedPayload } from "./approvals/notice";
export {
  type ApprovalUnitView,
  actOnApproval,
  listApprovalUnits,
  markApprovals,
} from "./approvals/run";
export { type ProgramCompleteness, programCompleteness } from "./completeness/run";
export {
  type DataQualityItem,
  listDataQuality,
  setFollowUp,
} from "./data-quality/run";
export { DEMO_SOURCE } from "./demo/compute";
export { loadDemoData, removeDemoData } from "./demo/run";
export { type EntryCell, type EntrySheet, entrySheet } from "./entry/sheet";
export { ServiceError, type ServiceErrorCode } from "./errors";
export { csvField, neutraliseCell } from "./exports/cells";
export type { ExportRequest, ExportRow } from "./exports/rows";
export {
  EXPORT_FORMATS,
  EXPORT_MEDIA,
  type ExportFormat,
  openProgramExport,
} from "./exports/run";
export { ExportAborted } from "./exports/sink";
export { EXPORT_SHEETS } from "./exports/workbook";
export {
  missingNarratives,
  programNarratives,
  readNarrative,
  writeNarrative,
} from "./narratives/run";
export { isHttpsUrl, servedOverHttps } from "./network/https";
export {
  addressLiteralOf,
  checkPublicHost,
  isPublicAddress,
  publicLookup,
} from "./network/public-address";
export { isTrustedProxy, parseTrustedProxies } from "./network/trusted-proxies";
export { assertAgencyKnown, listAgencies } from "./programs/agencies";
export {
  type DefinitionIssue,
  formatDefinitionIssues,
  type LoadResult,
  parseProgramDefinition,
} from "./programs/compute";
export type { ImportDiff } from "./programs/diff";
export {
  type EditResult,
  editIndicator,
  findEditableIndicator,
  indicatorHistory,
} from "./programs/edit";
export { type AgencyIndicator, agencyIndicators } from "./programs/my-indicators";
export { type PreviewYear, previewIndicatorEdit } from "./programs/preview";
export {
  type ImportResult,
  importProgram,
  loadProgramFile,
  programDefinitionYaml,
} from "./programs/run";
export {
  type DirectionSummary,
  type LevelChange,
  nextReportRun,
  REPORT_FREQUENCIES,
  type ReportFrequency,
  type ReportSummary,
  scheduledReportYear,
} from "./reports/compute";
export {
  type AnnualReport,
  checkReportRequest,
  loadAnnualReport,
  type ReportFigure,
  type ReportIndicator,
} from "./reports/run";
export {
  type ReportScheduleView,
  scheduleReport,
  unscheduleReport,
  viewReportSchedule,
} from "./reports/schedules";
export type { RulePreview, RulePreviewRow, StoredAlertRule } from "./rules/compute";
export {
  createAlertRule,
  createShippedAlertRules,
  deleteAlertRule,
  findAlertRule,
  listAlertRules,
  previewAlertRule,
  updateAlertRule,
} from "./rules/run";
export {
  type NewSource,
  newSourceSchema,
  pullRequestOf,
  SOURCE_MAX_MINUTES,
  SOURCE_MIN_MINUTES,
  type SourceChanges,
  type SourceView,
  sourceChangesSchema,
  toSourceView,
} from "./sources/compute";
export {
  createSource,
  deleteSource,
  findSource,
  listSourcePulls,
  listSources,
  openSourceSecret,
  type SourceContext,
  type SourceSecretResult,
  updateSource,
} from "./sources/run";
export { parseSecretsKey, type SecretsKey } from "./sources/secret-box";
export { computeStatusChanges, type StatusChange } from "./status/changes";
export { evaluatePlaces, type FigureOverlay, indicatorsOf } from "./status/compute";
export { endOfDay } from "./status/figures";
export {
  evaluateIndicatorEverywhere,
  evaluateIndicatorStatuses,
  type IndicatorStatusView,
  processStatusWork,
  refreshIndicator,
  refreshStatuses,
  type StatusWorkResult,
} from "./status/run";
export {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordOwner,
  type PasswordVerdict,
} from "./users/password-policy";
