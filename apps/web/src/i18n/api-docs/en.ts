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
};
