/** ECharts with only what the panels draw (lines, scatter, parallel coordinates), on canvas. */
import * as echarts from "echarts/core";
import { LineChart, ParallelChart, ScatterChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  ParallelComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  LineChart,
  ScatterChart,
  ParallelChart,
  GridComponent,
  ParallelComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  TitleComponent,
  CanvasRenderer,
]);

export { echarts };

/**
 * A chart in `element` that follows the element's size, created on first use: ECharts cannot
 * size a chart in a hidden element, so panels show the element before they first draw in it.
 */
export function lazyChart(element: HTMLElement): () => echarts.ECharts {
  let chart: echarts.ECharts | undefined;
  return () => {
    if (!chart) {
      chart = echarts.init(element, undefined, { renderer: "canvas" });
      const c = chart;
      new ResizeObserver(() => c.resize()).observe(element);
    }
    return chart;
  };
}

/**
 * Calls `draw` at most once per frame and once per `intervalMs`, however often it is asked for:
 * a live run's events arrive one by one, a redraw of 10,000 points costs more than one frame.
 */
export function coalesce(draw: () => void, intervalMs = 0): () => void {
  let pending = false;
  let last = -Infinity;
  return () => {
    if (pending) return;
    pending = true;
    setTimeout(
      () =>
        requestAnimationFrame(() => {
          pending = false;
          last = performance.now();
          draw();
        }),
      Math.max(0, last + intervalMs - performance.now()),
    );
  };
}
