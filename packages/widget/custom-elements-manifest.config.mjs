// `cem analyze` (run by `pnpm run build`) writes custom-elements.json from the element's JSDoc
// (@fires, @csspart, @cssproperty) and its Lit properties: editors, Storybook and framework
// wrappers read it through package.json's "customElements".

/** The manifest describes the published modules (dist/lib/*.js), not the TypeScript sources. */
const toDist = (p) =>
  p?.replace(/^\/?src\/(.*)\.ts$/, 'dist/lib/$1.js').replace(/^\/src\/(.*)\.js$/, 'dist/lib/$1.js');

/** Keeps only the documented `sb-*` events (the analyzer also reports internal dispatches). */
function publishedShape() {
  return {
    name: 'support-bot-published-shape',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.path = toDist(mod.path);
        for (const declaration of mod.declarations ?? []) {
          if (declaration.events)
            declaration.events = declaration.events.filter((e) => e.name?.startsWith('sb-'));
        }
        for (const exp of mod.exports ?? []) {
          if (exp.declaration?.module) exp.declaration.module = toDist(exp.declaration.module);
        }
      }
    },
  };
}

export default {
  globs: ['src/support-bot.component.ts', 'src/support-bot.ts', 'src/events.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [publishedShape()],
};
