// The monthly report's refusal, shared by the renderer (in a PDF worker thread) and the pool that rethrows it
// on the caller's side. No "server-only": loaded inside the worker threads.

/** A name from configuration (municipality, store chain, staff) has characters the report fonts cannot draw. */
export class UnprintableReportError extends Error {
  constructor(readonly characters: string[]) {
    super(`characters the report fonts cannot draw: ${characters.length}`);
  }
}
