import type { TestProject } from "vitest/node";
import { freePort, startIngest, startWeb, waitForUrl } from "./processes";

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
  }
}

/** Starts the ingest API, one worker and the built dashboard for the system tests. */
export default async function setup(project: TestProject) {
  const [apiPort, webPort] = await Promise.all([freePort(), freePort()]);
  const env = {
    ...process.env,
    API_PORT: String(apiPort),
    PORT: String(webPort),
    API_URL: `http://127.0.0.1:${apiPort}`,
    APP_URL: `http://127.0.0.1:${webPort}`,
    LOG_LEVEL: "warn",
    // Low enough that tests can send a file over it (system/large-uploads.test.ts).
    MAX_UPLOAD_MB: "60",
    // Sources pulled from a fake DHIS2 on loopback, soon after they are due (system/sources.test.ts).
    SOURCES_ALLOW_PRIVATE: "true",
    SOURCES_CHECK_EVERY_MS: "1000",
  };
  const api = startIngest("server", env);
  const worker = startIngest("worker", env);
  const web = startWeb(env);
  const all = [api, worker, web];
  try {
    await waitForUrl(`${env.API_URL}/healthz`, api);
    await waitForUrl(`http://127.0.0.1:${webPort}/login`, web);
  } catch (error) {
    for (const p of all) p.signal("SIGKILL");
    throw error;
  }
  project.provide("apiUrl", env.API_URL);
  project.provide("webUrl", `http://127.0.0.1:${webPort}`);
  return async () => {
    await Promise.all(all.map((p) => p.stop()));
  };
}
