/** Formats of the cache screen. */

export function milliseconds(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms).toLocaleString("en-US")} ms`;
}

export function bytes(value: number | null): string {
  if (value === null) return "—";
  const units = ["B", "KB", "MB", "GB"];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${size.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function count(value: number | null): string {
  return value === null ? "—" : value.toLocaleString("en-US");
}

const KIND_NAMES: Record<string, string> = {
  metrics: "Metrics",
  profile: "Profiles",
  limits: "Limits",
  var: "Value at risk",
  alerts: "Alerts",
  traders: "Trader summaries",
};

export function kindName(kind: string): string {
  return KIND_NAMES[kind] ?? kind;
}
