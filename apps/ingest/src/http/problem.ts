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
  const title = status >= 500 ? "Internal Server Error" : (err?.message ?? "Bad Request");
  sendProblem(res, new HttpProblem(status, title), req.originalUrl);
};
