// A researcher's view choices (log scale, smoothing, y range) kept in this browser's localStorage,
// so they survive a reload and apply on every run's page and the comparison.
const PREFIX = "modarith.";

/** The stored JSON value of `key`, or null when unset or unreadable. */
export function getPreference(key) {
  try {
    const raw = globalThis.localStorage.getItem(PREFIX + key);
    return raw == null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

export function setPreference(key, value) {
  try {
    globalThis.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the choice lasts for this page only
  }
}
