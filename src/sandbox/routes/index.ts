/**
 * Route groups. Adding one = a file exporting `(r: Router, deps: SandboxDeps) => void` + one line here.
 */
import type { SandboxDeps } from "../deps.js";
import type { Router } from "../router.js";
import { avatarRoutes } from "./avatars.js";
import { userRoutes } from "./users.js";
import { videoRoutes } from "./videos.js";
import { voiceRoutes } from "./voices.js";

export type RouteGroup = (r: Router, deps: SandboxDeps) => void;

export const routeGroups: RouteGroup[] = [userRoutes, videoRoutes, avatarRoutes, voiceRoutes];
