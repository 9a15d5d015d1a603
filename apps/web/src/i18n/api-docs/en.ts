/** English catalogue of the API description page: the shape the other languages must match. */
export const apiDocsEn = {
  title: "API",
  intro:
    "The ministries' systems can read and send figures through the API. Its OpenAPI 3.1 description is public:",
  json: "the document (JSON)",
  auth: "Sign in with a session cookie (the dashboard) or send an API token as Authorization: Bearer <token>. Errors are RFC 9457 problem+json.",
  unavailable: "The API cannot be reached: its description is not available now.",
  role: "Role",
  public: "anyone",
  parameters: "Parameters",
  required: "required",
  body: "Body",
  answers: "Success",
  tags: {
    operations: "Operations",
    auth: "Signing in",
    indicators: "Indicators",
    programs: "Programmes",
    uploads: "Sending figures",
    alerts: "Alerts",
    notifications: "Notifications",
    admin: "Administration",
  },
  /** Each operation's summary, by its operationId in the document. */
  operations: {
    getHealthz: "Liveness",
    getReadyz: "Readiness (database and Redis)",
    getMetrics: "Prometheus metrics",
    getAdminQueues: "The job queues' board (a web page)",
    getApiV1OpenapiJson: "This description of the API (OpenAPI 3.1)",
    postApiV1AuthLogin: "Sign in: sets the session cookie",
    postApiV1AuthLogout: "Sign out: ends the session",
    getApiV1AuthMe: "The caller: a user or an API token",
    getApiV1Indicators: "Every indicator with its latest figure and status",
    getApiV1IndicatorsCode: "One indicator: definition, yearly series and status",
    patchApiV1IndicatorsCode:
      "Change an indicator's definition with a reason (If-Match: its version; managers of every region)",
    getApiV1IndicatorsCodeHistory:
      "Every change of an indicator's definition: who, when, what and why",
    getApiV1ProgramsCodeDefinitionYaml:
      "A programme's current definition, managers' edits included",
    putApiV1IndicatorsCodeNarrativesYear:
      "Write a year's narrative at a place (region absent: the nation; stewards for their places)",
    getApiV1IndicatorsCodeNarrativesYear:
      "A year's narrative at a place, with every earlier version",
    getApiV1Completeness:
      "Who has reported what: a programme year's figures expected, due, received, approved, late and overdue, per place and per agency",
    getApiV1NarrativesMissing: "The years whose level needs a narrative and that have none",
    getApiV1Approvals:
      "Each unit (programme × year × place) of a programme: its approval state, who and when, its figures' counts",
    postApiV1Approvals:
      "Submit a year's figures at a place (stewards of that place), approve, return with a comment or reopen them (managers of that place); approved figures are locked",
    postApiV1IndicatorsCodePreview:
      "Each year's status before and after a change of the definition, nothing saved",
    getApiV1IndicatorsCodeObservations: "The current figures of one indicator",
    getApiV1Programs: "The programmes loaded",
    getApiV1ProgramsCodeTemplateExt: "A programme's upload template (ext: csv or xlsx)",
    putApiV1ProgramsCode:
      "Load or change a programme's definition (YAML or JSON); dryRun=true answers what would change and writes nothing",
    postApiV1Observations: "Send a batch of figures as JSON",
    postApiV1Uploads:
      "Send a file of figures (CSV, Excel or DHIS2 data values) in the field `file`",
    getApiV1Uploads: "Recent uploads (one's own; every one from manager up)",
    getApiV1UploadsId: "An upload's report with its rejected rows",
    getApiV1Export:
      "Every figure of a programme as CSV, a workbook, JSON or a DHIS2 data value set",
    getApiV1ReportsAnnualPdf:
      "A programme year's annual report as a PDF (A4), as the reader may see it",
    getApiV1ReportSchedules: "Schedules of the annual report by e-mail",
    postApiV1ReportSchedules: "E-mail a programme's annual report (PDF) every month or quarter",
    deleteApiV1ReportSchedulesId: "Stop a scheduled annual report",
    getApiV1UploadsIdRejectedCsv: "An upload's rejected rows as CSV",
    postApiV1UploadsIdRetry: "Process a failed upload again",
    getApiV1Alerts: "Alerts",
    getApiV1AlertsId: "One alert with its history",
    postApiV1AlertsIdAck: "Acknowledge an alert",
    postApiV1AlertsIdSilence: "Silence an alert until a time (null lifts it)",
    getApiV1AlertRules: "Alert rules",
    postApiV1AlertRules: "Create an alert rule",
    postApiV1AlertRulesPreview: "What a rule would fire now, without saving it",
    getApiV1AlertRulesId: "One alert rule",
    patchApiV1AlertRulesId: "Change an alert rule",
    deleteApiV1AlertRulesId: "Delete an alert rule",
    getApiV1Notifications: "The caller's notifications",
    getApiV1NotificationsUnreadCount: "How many of the caller's notifications are unread",
    postApiV1NotificationsRead: "Mark notifications read (some ids, or all)",
    getApiV1Deliveries: "Deliveries of alerts by e-mail and webhook",
    getApiV1Outbox: "E-mails kept in the outbox",
    getApiV1Users: "Users",
    postApiV1Users: "Create a user",
    patchApiV1UsersId: "Change a user",
    getApiV1Tokens: "API tokens",
    postApiV1Tokens: "Create an API token (its secret is shown once)",
    patchApiV1TokensId: "Change an API token",
    deleteApiV1TokensId: "Revoke an API token",
    getApiV1Audit: "The audit log",
    getApiV1Sources: "Sources: scheduled pulls from DHIS2 or a CSV/JSON address",
    postApiV1Sources: "Create a source (its credential is kept sealed and never shown)",
    getApiV1SourcesId: "One source with its last pull",
    patchApiV1SourcesId: "Change a source",
    deleteApiV1SourcesId: "Delete a source (its uploads stay)",
    postApiV1SourcesIdPull: "Pull a source now into an upload",
    getApiV1SourcesIdPulls: "The uploads a source's pulls made",
    getApiV1DataQuality: "The warnings of validation rules and outliers on a programme's figures",
    postApiV1DataQualityIdFollowUp:
      "Mark a warning's figure for follow-up, or clear the mark (stewards for their places)",
  },
};
