// The ingest API sets this cookie at sign-in; the dashboard's pages and its server read it.
export const SESSION_COOKIE = "spm_session";
