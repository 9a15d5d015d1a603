import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript sources through their `exports` maps.
  transpilePackages: ["@spm/kpi", "@spm/db", "@spm/services"],
  serverExternalPackages: ["pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Types are checked by `tsc --noEmit` in every package (npm test), not again by the build.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
          },
        ],
      },
    ];
  },
};

export default config;
