// Worker-thread entry for the PDF pool. The templates are TypeScript/TSX; tsx compiles them in the worker
// (once per thread, at start-up), so the same sources serve Next, the CLI and the tests.
import { tsImport } from "tsx/esm/api";

const mod = await tsImport("./render-worker.ts", import.meta.url);
export default mod.default.default ?? mod.default;
