import { useRouteLoaderData } from "@remix-run/react";
import type { LayoutData } from "#app/web/layout.server";

const none = { names: { service: "", organisation: "" }, contactEmail: "" };

/** What the layout loaded for every page, so a page need not load it again: the service's names in the page's language, and its contact address. */
export function useLayout(): Pick<LayoutData, "names" | "contactEmail"> {
  return useRouteLoaderData<LayoutData>("root") ?? none;
}
