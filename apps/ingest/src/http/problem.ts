import type { ErrorRequestHandler, RequestHandler, Response } from "express";

/** An error the edge turns into an RFC 9457 problem+json answer. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

/** Sends a problem+json body with the given status. */
export function sendProblem(res: Response, problem: HttpProblem, instance?: string): void {
  res
    .status(problem.status)
    .type("application/problem+json")
    .json({
      type: "about:blank",
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...(instance ? { instance } : {}),
      ...problem.extra,
    });
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, new HttpProblem(404, "Not Found", `no route for ${req.method} ${req.path}`));
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof HttpProblem) return sendProblem(res, err, req.originalUrl);
  const status = typeof err?.status === "number" && err.status >= 400 ? err.status : 500;
  if (status >= 500) req.log?.error({ err }, "request failed");
  if (err?.code === "LIMIT_FILE_SIZE" || err?.code === "LIMIT_UNEXPECTED_FILE") {
    const detail =
      err.code === "LIMIT_FILE_SIZE"
        ? "the file is larger than the upload limit"
        : "send one file, in the field `file`";
    const code = err.code === "LIMIT_FILE_SIZE" ? 413 : 400;
    return sendProblem(
      res,
      new HttpProblem(code, code === 413 ? "Content Too Large" : "Bad Request", detail),
      req.originalUrl,
    );
  }
  if (status === 413) {
    const detail = `the request body is larger than the limit of ${err.limit ?? "?"} bytes`;
    return sendProblem(res, new HttpProblem(413, "Content Too Large", detail), req.originalUrl);
  }
  const title = status >= 500 ? "Internal Server Error" : "Bad Request";
  const detail = status >= 500 ? undefined : String(err?.message ?? "");
  sendProblem(res, new HttpProblem(status, title, detail), req.originalUrl);
};
