// `node --import ./scripts/lib/register-server-only.mjs --import tsx script.ts` lets a CLI import server/**.
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
