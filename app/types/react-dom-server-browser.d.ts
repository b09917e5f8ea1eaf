// @types/react-dom declares the web-stream renderer only under "react-dom/server"; react-dom ships it as "react-dom/server.browser" too.
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
