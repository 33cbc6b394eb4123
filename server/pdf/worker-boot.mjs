// Worker-thread entry for the PDF pool. The templates are TypeScript/TSX; tsx compiles them in the worker
// (once per thread, at start-up), so the same sources serve Next, the CLI and the tests. Exports the
// certificate renderer (default), the monthly report renderer (piscina's `name: "renderReport"`) and the
// incident report renderer (`name: "renderIncidentReport"`).
import { tsImport } from "tsx/esm/api";

const mod = await tsImport("./render-worker.ts", import.meta.url);
const exports = mod.default.default ? mod.default : mod;
export default exports.default;
export const renderReport = exports.renderReport;
export const renderIncidentReport = exports.renderIncidentReport;
