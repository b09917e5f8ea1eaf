/** @type {import('@remix-run/dev').AppConfig} */
export default {
  appDirectory: "app",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  serverBuildPath: "build/index.js",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  // The pages of text alone share one module, which holds their keys by path.
  routes: async (defineRoutes) =>
    defineRoutes((route) => {
      for (const path of ["signed-out", "account/deleted", "shared/finished", "staff/signed-out"]) route(path, "text-pages.tsx", { id: `text-pages/${path}` });
    }),
  future: {
    v3_fetcherPersist: true,
    v3_lazyRouteDiscovery: true,
    v3_relativeSplatPath: true,
    v3_singleFetch: true,
    v3_throwAbortReason: true,
  },
};
