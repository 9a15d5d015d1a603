import { type Db, findActiveToken, findSessionUser, type Role, type SessionPolicy } from "@spm/db";
import { parseCookie } from "cookie";
import type { Request, RequestHandler } from "express";
import { HttpProblem } from "../http/problem";
import { actorOf, hasRole, type Principal } from "./principal";

export const SESSION_COOKIE = "spm_session";

/** Reads the Bearer token or session cookie, if any, into `req.principal` (never rejects). */
export function authenticate(deps: {
  db: Db;
  policy: SessionPolicy;
  now: () => Date;
}): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const token = await findActiveToken(deps.db, header.slice(7).trim(), deps.now());
      // A bad token is a 401 even on public routes: the caller meant to authenticate.
      if (!token)
        return next(
          new HttpProblem(401, "Unauthorized", "the token is invalid, expired or revoked"),
        );
      req.principal = {
        kind: "token",
        id: token.id,
        name: token.name,
        role: token.role,
        regions: token.regions,
        owner: token.createdBy,
        confidential: token.confidential,
      };
      return next();
    }
    const sessionId = parseCookie(req.headers.cookie ?? "")[SESSION_COOKIE];
    if (sessionId) {
      const user = await findSessionUser(deps.db, {
        id: sessionId,
        policy: deps.policy,
        now: deps.now(),
      });
      if (user) {
        req.principal = {
          kind: "user",
          id: user.id,
          name: user.username,
          role: user.role,
          regions: user.regions,
          owner: user.id,
          confidential: user.confidential,
        };
        req.viaCookie = true;
      }
    }
    next();
  };
}

/** Lets the request through only for a principal with at least the given role (401 / 403). */
export function requireRole(min: Role): RequestHandler {
  return (req, _res, next) => {
    if (!req.principal)
      return next(new HttpProblem(401, "Unauthorized", "sign in or send a Bearer token"));
    if (!hasRole(req.principal, min)) {
      return next(new HttpProblem(403, "Forbidden", `this needs the role ${min} or higher`));
    }
    next();
  };
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests that carry the session cookie but come from another site
 * (CSRF): the Origin must be the app's own, or Fetch Metadata must say same-origin.
 */
export function checkOrigin(allowed: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method) || req.headers.authorization?.startsWith("Bearer ")) return next();
    if (!req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return next();
    const origin = req.headers.origin;
    const site = req.headers["sec-fetch-site"];
    const host = (req.headers["x-forwarded-host"] as string | undefined) ?? req.headers.host;
    const own = origin !== undefined && (allowed.includes(origin) || hostOf(origin) === host);
    if (own || (origin === undefined && site === "same-origin")) return next();
    next(new HttpProblem(403, "Forbidden", "cross-site request refused"));
  };
}

/** The host of an Origin header; undefined for `null` (sandboxed frames, file:) or a malformed one. */
function hostOf(origin: string): string | undefined {
  return URL.canParse(origin) ? new URL(origin).host : undefined;
}

/** The authenticated principal of a request behind `requireRole` (401 if, somehow, none). */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new HttpProblem(401, "Unauthorized", "sign in or send a Bearer token");
  return req.principal;
}

/** The actor of a request for the audit log: who, and from which request and address. */
export function auditActor(req: Request): { actor: string; requestId: string; ip: string | null } {
  return { actor: actorOf(principalOf(req)), requestId: String(req.id), ip: req.ip ?? null };
}
