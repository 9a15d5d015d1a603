import { parseTrustedProxies } from "@spm/services";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("production"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  API_URL: z.url().default("http://127.0.0.1:4000"),
  // The dashboard's own address: https here means it is served over https (HSTS, Secure cookies).
  APP_URL: z.url().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  // The same limit as the ingest API's: a larger file is refused here before it is sent on.
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(200),
  // Proxies in front of the dashboard whose X-Forwarded-For is passed on; none by default, so
  // the address the API sees is the one that connected here.
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((text, ctx) => {
      const parsed = parseTrustedProxies(text);
      if (parsed.ok) return parsed.list;
      ctx.addIssue({ code: "custom", message: `not an address or range: ${parsed.bad}` });
      return z.NEVER;
    }),
});

let cached: z.infer<typeof schema> | undefined;

/** The dashboard's validated configuration, read at first use (never at build time). */
export function env(): z.infer<typeof schema> {
  if (!cached) {
    const result = schema.safeParse(process.env);
    if (!result.success) {
      const lines = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`invalid environment: ${lines.join("; ")}`);
    }
    cached = result.data;
  }
  return cached;
}
