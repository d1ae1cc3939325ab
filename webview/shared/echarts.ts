/** ECharts with only what the panels draw (lines, scatter, parallel coordinates), on canvas. */
import * as echarts from "echarts/core";
import { LineChart, ParallelChart, ScatterChart } from "echarts/charts";
import { DataZoomComponent, GridComponent, LegendComponent, ParallelComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([LineChart, ScatterChart, ParallelChart, GridComponent, ParallelComponent, TooltipComponent, LegendComponent, DataZoomComponent, TitleComponent, CanvasRenderer]);

export { echarts };

/** A chart in `element` that follows the element's size. */
export function chartIn(element: HTMLElement): echarts.ECharts {
  const chart = echarts.init(element, undefined, { renderer: "canvas" });
  new ResizeObserver(() => chart.resize()).observe(element);
  return chart;
}

/** Calls `draw` once per frame at most, however often it is asked for. */
export function coalesce(draw: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      draw();
    });
  };
}
