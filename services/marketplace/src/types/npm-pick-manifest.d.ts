declare module 'npm-pick-manifest' {
  function pickManifest(packument: object, wanted: string, options: Record<string, unknown>): unknown;
  export default pickManifest;
}
