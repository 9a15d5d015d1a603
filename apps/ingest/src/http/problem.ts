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
  if (err?.code === "LIMIT_UNEXPECTED_FILE") {
    const detail = "send one file, in the field `file`";
    return sendProblem(res, new HttpProblem(400, "Bad Request", detail), req.originalUrl);
  }
  if (status === 413) {
    const limitMb = typeof err.limit === "number" ? err.limit / (1024 * 1024) : undefined;
    const detail = `the request body is larger than the limit of ${limitMb ?? "?"} MB`;
    const extra = { code: "body_too_large", params: { limitMb } };
    return sendProblem(
      res,
      new HttpProblem(413, "Content Too Large", detail, extra),
      req.originalUrl,
    );
  }
  const title = status >= 500 ? "Internal Server Error" : "Bad Request";
  const detail = status >= 500 ? undefined : String(err?.message ?? "");
  sendProblem(res, new HttpProblem(status, title, detail), req.originalUrl);
};
