import pino from "pino";

// Secrets never reach a log line: these paths are replaced wherever they appear.
const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "*.password",
  "*.token",
  "*.sessionId",
  "password",
  "token",
];

/** Creates the structured logger of a process (one JSON event per line). */
export function createLogger(
  name: string,
  level = "info",
  destination?: pino.DestinationStream,
): pino.Logger {
  const options = { name, level, redact: { paths: REDACT, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
