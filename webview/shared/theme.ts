/** Chart colours from the VS Code theme's CSS variables, so charts follow the theme. */

export interface ChartTheme {
  readonly foreground: string;
  readonly muted: string;
  readonly lines: string;
  readonly background: string;
  /** Distinct series colours: blue, orange, purple, green, yellow, red. */
  readonly palette: readonly string[];
  readonly good: string;
  readonly bad: string;
  readonly accent: string;
  readonly fontFamily: string;
}

/** A sequential ramp (viridis) for evaluation order: readable on light and dark themes alike. */
export const ORDER_RAMP = ["#440154", "#414487", "#2a788e", "#22a884", "#7ad151", "#fde725"] as const;

export function readTheme(element: Element = document.body): ChartTheme {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    foreground: v("--vscode-foreground", "#cccccc"),
    muted: v("--vscode-descriptionForeground", "#999999"),
    lines: v("--vscode-charts-lines", "rgba(128,128,128,0.5)"),
    background: v("--vscode-editor-background", "#1e1e1e"),
    palette: [
      v("--vscode-charts-blue", "#3794ff"),
      v("--vscode-charts-orange", "#d18616"),
      v("--vscode-charts-purple", "#b180d7"),
      v("--vscode-charts-green", "#89d185"),
      v("--vscode-charts-yellow", "#cca700"),
      v("--vscode-charts-red", "#f14c4c"),
    ],
    good: v("--vscode-charts-green", "#89d185"),
    bad: v("--vscode-charts-red", "#f14c4c"),
    accent: v("--vscode-focusBorder", "#007fd4"),
    fontFamily: style.fontFamily || "sans-serif",
  };
}
