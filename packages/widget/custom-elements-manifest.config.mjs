// @custom-elements-manifest/analyzer: Lit's internal reactive state (`state: true` in `static
// properties`) is not part of the element's contract; drop it from the attributes it lists.
const PUBLIC_ATTRIBUTES = new Set(['room', 'token', 'api', 'collab', 'mode', 'theme']);

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  plugins: [
    {
      name: 'duet-public-attributes-only',
      packageLinkPhase({ customElementsManifest }) {
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
