/** Numbers and text as the panels show them (units as everywhere in Supernet Studio: accuracy in %, latency in ms). */

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });
const plain = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });

/** `1.42M`, `61.3K`. */
export function formatCount(value: number): string {
  return compact.format(value);
}

export function formatValue(metric: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  switch (metric) {
    case "accuracy":
      return `${value.toFixed(1)}%`;
    case "latency":
      return `${value.toFixed(2)} ms`;
    case "macs":
    case "params":
    case "model_size":
      return formatCount(value);
    default:
      return Math.abs(value) >= 10_000 ? formatCount(value) : plain.format(value);
  }
}

/** A MACs or params range: `28.2K–45K`, or one value. */
export function formatRange(range: { readonly min: number; readonly max: number }): string {
  return range.min === range.max
    ? formatCount(range.min)
    : `${formatCount(range.min)}–${formatCount(range.max)}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
