// Shared by the test pages: reads the room from the query string and records the pad's events.
export const params = new URLSearchParams(location.search);
export const padAttributes = {
  room: params.get('room') ?? '',
  token: params.get('token') ?? '',
  api: params.get('api') ?? '',
  theme: params.get('theme') ?? 'light',
};
window.duetEvents = [];
for (const type of ['duet-ready', 'duet-run', 'duet-result', 'duet-end']) {
  // Heard on the document: the events bubble and are composed.
  document.addEventListener(type, (event) => window.duetEvents.push({ type, detail: event.detail }));
}
