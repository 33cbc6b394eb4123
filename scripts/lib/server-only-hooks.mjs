// Module resolve hook: `server-only` throws outside React Server Components, but command-line tools
// (benchmarks, import CLI) legitimately run server code. Resolve it to an empty module there.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return nextResolve(specifier, context);
}
