// @custom-elements-manifest/analyzer: Lit's internal reactive state (`state: true` in `static
// properties`) is not part of the element's contract; drop it from the attributes it lists. Modules are sorted by path.
const PUBLIC_ATTRIBUTES = new Set(['room', 'token', 'api', 'collab', 'mode', 'theme']);

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  plugins: [
    {
      name: 'duet-public-attributes-only',
      packageLinkPhase({ customElementsManifest }) {
        // The analyzer lists modules in the order its file glob returned them, which varies between
        // runs: sorted, a build leaves the committed manifest unchanged unless the contract changed.
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (!declaration.customElement) continue;
            declaration.attributes = (declaration.attributes ?? []).filter((a) => PUBLIC_ATTRIBUTES.has(a.name));
            declaration.members = (declaration.members ?? []).filter((m) => m.privacy !== 'private' && (m.kind !== 'field' || PUBLIC_ATTRIBUTES.has(m.name) || m.static || m.name === 'effectiveMode' || m.kind === 'method'));
          }
        }
      },
    },
  ],
};
