import { tourCore } from "./core.js";
import type { Tour } from "./types.js";

/** Every resource group's tour; each adds one line here. */
export const tours: ((t: Tour) => Promise<void>)[] = [tourCore];
