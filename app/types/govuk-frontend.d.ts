// govuk-frontend ships JavaScript without type declarations; this covers what the portal calls.
declare module "govuk-frontend" {
  type ComponentClass = { new (...args: never[]): unknown; moduleName: string };
  export const Button: ComponentClass;
  export const CharacterCount: ComponentClass;
  export const Checkboxes: ComponentClass;
  export const ErrorSummary: ComponentClass;
  export const ExitThisPage: ComponentClass;
  export const NotificationBanner: ComponentClass;
  export const Radios: ComponentClass;
  export const ServiceNavigation: ComponentClass;
  export const SkipLink: ComponentClass;
  export function createAll(component: ComponentClass, config: undefined, options: { scope: Element | Document; onError: (error: unknown) => void }): unknown[];
}
