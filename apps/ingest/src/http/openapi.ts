import { Router } from "express";
import { buildOpenApiDocument } from "./openapi/document";

export const OPENAPI_PATH = "/openapi.json";

/** The API's OpenAPI 3.1 description, for anyone (no credentials): built once. */
export function openApiRouter(): Router {
  const router = Router();
  let document: string | undefined;
  router.get(OPENAPI_PATH, (_req, res) => {
    document ??= JSON.stringify(buildOpenApiDocument());
    res.type("application/json").send(document);
  });
  return router;
}
