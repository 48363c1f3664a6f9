// `cem analyze` (run by `pnpm run build`) writes custom-elements.json from the element's JSDoc
// (@fires, @csspart, @cssproperty) and its Lit properties: editors, Storybook and framework
// wrappers read it through package.json's "customElements".
export default {
  globs: ['src/support-bot.component.ts', 'src/support-bot.ts', 'src/events.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
};
