import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, isRouteErrorResponse, Links, Outlet, useLocation, useMatches, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { Footer } from "#app/components/govuk/footer";
import { GenericHeader } from "#app/components/govuk/generic-header";
import { LanguageNavigation } from "#app/components/govuk/language-navigation";
import { PhaseBanner } from "#app/components/govuk/phase-banner";
import { ServiceNavigation } from "#app/components/govuk/service-navigation";
import { SkipLink } from "#app/components/govuk/skip-link";
import { GovukStringsProvider, type GovukStrings } from "#app/components/govuk/strings";
import { ErrorPage, errorKey, type ErrorStatus } from "#app/components/error-page";
import { pageTitle } from "#app/components/page-title";
import type { Language } from "#app/i18n/i18n";
import { requestedLanguage } from "#app/i18n/i18n.server";
import { useTranslation } from "#app/i18n/use-translation";
import { recordAuditEventOncePerWindow } from "#app/models/audit.server";
import { connectionOf } from "#app/models/rate-limit.server";
import { useNonce } from "#app/web/nonce";
import { layoutData, refusal, type ErrorDetail, type LayoutData } from "#app/web/layout.server";
import { logServerError } from "#app/lib/log-error.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Refused requests and unknown languages still get the full layout, in the person's language.
  const { refusal: refused, clientIp } = context;
  if (refused) {
    try {
      // Any site can make a browser send these: audited once per connection per window, by route (an address can hold a link's token).
      await recordAuditEventOncePerWindow(refused === 403 ? "cross_site_request_refused" : "oversized_request_refused", connectionOf(clientIp), {
        path: context.route ?? "/*",
      });
    } catch (error) {
      logServerError(error, context);
      throw await refusal(request, 500);
    }
    throw await refusal(request, refused);
  }
  if (requestedLanguage(request) === "unknown") throw await refusal(request, 400);
  // A form posted runs its action, then this loader, in one request: the action's mistakes make the title "Error: …".
  return { ...(await layoutData(request)), formHasErrors: context.formHasErrors === true };
}

function useLayoutData(): (LayoutData & { formHasErrors?: boolean }) | undefined {
  const loaded = useRouteLoaderData<typeof loader>("root");
  const error = useRouteError();
  if (loaded) return loaded;
  if (isRouteErrorResponse(error) && error.data && typeof error.data === "object" && "names" in error.data) {
    return error.data as LayoutData;
  }
  return undefined;
}

function errorStatus(error: unknown): ErrorStatus {
  if (!isRouteErrorResponse(error)) return 500;
  if ([400, 401, 403, 404, 410, 413, 429].includes(error.status)) return error.status as ErrorStatus;
  // Any other refusal of a request (405, 415…) reads as "we could not understand that request".
  return error.status >= 400 && error.status < 500 ? 400 : 500;
}

/** What a refusal told the error page besides its status (see ErrorDetail). */
function errorDetail(error: unknown): ErrorDetail | null {
  return isRouteErrorResponse(error) && error.data && typeof error.data === "object" ? (error.data as ErrorDetail) : null;
}

/**
 * The page's <title>, from the deepest route's `handle.titleKey`, or the error
 * shown, after "Error:" when the page shows a form's mistakes. Worked out here
 * rather than in `meta` because only the layout sees every route's data at once.
 */
function usePageTitle(t: TFunction, names: { service: string; organisation: string }, formHasErrors: boolean): string {
  const matches = useMatches();
  const error = useRouteError();
  // A route serving many pages (the story questions) names its title in its data, with any values it needs; others in `handle`.
  type Titled = { titleKey?: string; titleValues?: Record<string, string> };
  const titled = error
    ? { titleKey: `${errorKey(errorStatus(error), errorDetail(error))}.title` }
    : matches
        .map((m): Titled => ((m.data as Titled | undefined)?.titleKey ? (m.data as Titled) : { titleKey: (m.handle as Titled | undefined)?.titleKey }))
        .findLast((m) => Boolean(m.titleKey));
  const title = titled?.titleKey ? pageTitle(t, t(titled.titleKey, titled.titleValues), names) : names.service;
  return formHasErrors ? `${t("common:errorTitlePrefix")} ${title}` : title;
}

function languageHref(pathname: string, search: string, lang: Language): string {
  const params = new URLSearchParams(search);
  params.set("lang", lang);
  return `${pathname}?${params.toString()}`;
}

export function Layout({ children }: { children: ReactNode }) {
  const layout = useLayoutData();
  const nonce = useNonce();
  const location = useLocation();
  const lang = layout?.lang ?? "en";
  const names = layout?.names ?? { service: "Tell it once", organisation: "" };
  const { t } = useTranslation();
  const title = usePageTitle(t, names, layout?.formHasErrors === true);
  const govukStrings = (layout?.translations.bundles.govuk ?? {}) as GovukStrings;

  return (
    <html lang={lang} className="govuk-template govuk-template--rebranded">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <title>{title}</title>
        <meta name="robots" content="noindex" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={layout?.stylesheetHref ?? "/assets/application.css"} />
        <Links />
        {/* Pages are whole without it: GOV.UK Frontend's scripts only enhance them (app/browser/application.js). */}
        <script type="module" nonce={nonce} src={layout?.scriptSrc ?? "/assets/application.js"} />
      </head>
      <body className="govuk-template__body">
        <script
          nonce={nonce}
          // The same test govuk-frontend's page template runs, so styles for scripted components apply before first paint.
          dangerouslySetInnerHTML={{
            __html: "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');",
          }}
        />
        <GovukStringsProvider value={govukStrings}>
          <SkipLink href="#main-content">{t("common:skipLink")}</SkipLink>
          <header className="govuk-template__header">
            <GenericHeader url="/" logoHtml={<span className="app-header__organisation">{names.organisation}</span>} />
            <ServiceNavigation
              serviceName={names.service}
              serviceUrl="/"
              // Fold the navigation behind "Menu" on phones: the header is most of a small screen otherwise.
              collapseNavigationOnMobile
              navigation={
                layout?.signedIn
                  ? [
                      { href: "/stories", children: t("common:navigation.stories"), active: location.pathname.startsWith("/stories") },
                      { href: "/account", children: t("common:navigation.account"), active: location.pathname.startsWith("/account") },
                    ]
                  : []
              }
              slots={{
                navigationEnd: layout?.signedIn ? (
                  <li className="govuk-service-navigation__item">
                    <Form method="post" action="/sign-out">
                      <button type="submit" className="govuk-service-navigation__link app-service-navigation__button">
                        {t("common:navigation.signOut")}
                      </button>
                    </Form>
                  </li>
                ) : undefined,
                end: (
                  <LanguageNavigation
                    ariaLabel={t("common:languageNavigation.label")}
                    items={[
                      { lang: "en", children: "English", href: lang === "en" ? undefined : languageHref(location.pathname, location.search, "en") },
                      { lang: "cy", children: "Cymraeg", href: lang === "cy" ? undefined : languageHref(location.pathname, location.search, "cy") },
                    ]}
                  />
                ),
              }}
            />
            <PhaseBanner tag={{ children: t("common:phaseBanner.tag") }}>
              {t("common:phaseBanner.before")}{" "}
              <a className="govuk-link" href={`mailto:${layout?.contactEmail ?? ""}`}>
                {t("common:phaseBanner.link")}
              </a>
              {t("common:phaseBanner.after")}
            </PhaseBanner>
          </header>
          <div className="govuk-width-container">
            <main className="govuk-main-wrapper" id="main-content">
              {children}
            </main>
          </div>
          <footer className="govuk-template__footer">
            <Footer
              crown={false}
              contentLicence={null}
              copyright={null}
              meta={{
                visuallyHiddenTitle: t("common:footer.supportLinks"),
                items: [
                  { href: "/cookies", children: t("common:footer.cookies") },
                  { href: "/accessibility", children: t("common:footer.accessibility") },
                  { href: "/privacy", children: t("common:footer.privacy") },
                  { href: `mailto:${layout?.contactEmail ?? ""}`, children: t("common:footer.contact") },
                ],
                children: t("common:footer.runBy", { organisation: names.organisation }),
              }}
            />
          </footer>
        </GovukStringsProvider>
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  return <ErrorPage status={errorStatus(error)} t={t} detail={errorDetail(error)} />;
}
