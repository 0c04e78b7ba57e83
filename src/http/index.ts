/** The remote endpoint, loaded only with --http so stdio start-up does not pay for it. */
export { authPolicy } from "./auth.js";
export { type HttpServerOptions, type RunningHttpServer, startHttpServer } from "./server.js";
