/** The markup of each panel's page; the webview bundles find their elements by these ids. */

/** The supernet graph: a toolbar over the SVG the graph is drawn in. */
export const GRAPH_BODY = `<div class="toolbar" role="toolbar" aria-label="Graph">
  <vscode-button id="expand-all" secondary>Expand all</vscode-button>
  <vscode-button id="collapse-all" secondary>Collapse all</vscode-button>
  <vscode-button id="fit" secondary>Fit</vscode-button>
  <span id="overlay-label" class="overlay-label"></span>
  <vscode-button id="clear-overlay" secondary hidden>Hide subnet</vscode-button>
  <span id="status" class="status" role="status"></span>
</div>
<svg id="graph" tabindex="0" aria-label="Supernet graph: Tab to the nodes; Enter reveals the source, Space opens a group, arrows move, + and - zoom, 0 fits"><g id="viewport"></g></svg>`;

/** Training curves: the run, view controls, one element per chart. */
export const CURVES_BODY = `<div class="toolbar" role="toolbar" aria-label="Training curves">
  <strong id="run-title"></strong><span id="run-status" class="status" role="status"></span>
  <span id="received" class="status"></span>
  <span class="spacer"></span>
  <vscode-checkbox id="log-scale">Log scale</vscode-checkbox>
  <label class="smoothing">Smoothing <input id="smoothing" type="range" min="0" max="0.99" step="0.01" aria-label="Smoothing"> <span id="smoothing-value"></span></label>
  <vscode-button id="open-run" secondary>Open run…</vscode-button>
</div>
<div class="charts">
  <div id="loss" class="chart" role="img" aria-label="Loss per sampled subnet kind"></div>
  <div id="accuracy" class="chart" role="img" aria-label="Training accuracy per sampled subnet kind"></div>
  <div id="learning-rate" class="chart small" role="img" aria-label="Learning rate"></div>
  <div id="hypervolume" class="chart small" role="img" aria-label="Hypervolume per generation" hidden></div>
  <div id="predictors" class="chart small" role="img" aria-label="Predictor error per iteration" hidden></div>
</div>`;

/** The Pareto front: axis and filter controls, the scatter, parallel coordinates, the front as a table. */
export const PARETO_BODY = `<div class="toolbar" role="toolbar" aria-label="Pareto front">
  <label>x <vscode-single-select id="x-axis" aria-label="x axis"></vscode-single-select></label>
  <label>y <vscode-single-select id="y-axis" aria-label="y axis"></vscode-single-select></label>
  <label>colour <vscode-single-select id="color-by" aria-label="colour by">
    <vscode-option value="order">evaluation order</vscode-option>
    <vscode-option value="feasibility">feasibility</vscode-option>
  </vscode-single-select></label>
  <vscode-checkbox id="show-dominated">dominated</vscode-checkbox>
  <vscode-checkbox id="show-infeasible">infeasible</vscode-checkbox>
  <span class="spacer"></span>
  <vscode-button id="add-run" secondary>Compare with run…</vscode-button>
</div>
<div id="run-list" class="run-list"></div>
<div id="summary" class="status" role="status"></div>
<div id="scatter" class="chart tall" role="img" aria-label="Evaluated subnets on the two chosen objectives; the front's table below lists the same points"></div>
<div id="parallel" class="chart" role="img" aria-label="Parallel coordinates over every objective" hidden></div>
<details class="front" open>
  <summary>Front of the main run (<span id="front-count">0</span>): Enter selects a subnet</summary>
  <table><thead><tr><th>#</th><th id="front-x"></th><th id="front-y"></th></tr></thead><tbody id="front-rows"></tbody></table>
</details>`;

/** The subnet inspector: actions, metrics, choices and the comparison. */
export const INSPECTOR_BODY = `<p id="empty" class="empty">No subnet selected. Click a point on the Pareto front, or <em>Show in Graph</em> above a <code>subnet</code> block.</p>
<div id="content" hidden>
  <h2 id="title"></h2>
  <p id="subtitle" class="status"></p>
  <div class="actions">
    <vscode-button id="apply">Apply to source</vscode-button>
    <vscode-button id="export" secondary>Export</vscode-button>
    <vscode-button id="copy" secondary>Copy as JSON</vscode-button>
    <vscode-button id="show-in-graph" secondary>Show in graph</vscode-button>
  </div>
  <div id="notes-box" class="notes" hidden><table><tbody id="notes"></tbody></table></div>
  <h3>Metrics</h3>
  <table class="grid"><thead><tr><th></th><th>run</th><th id="predicted-head" hidden>predicted</th><th>source now</th></tr></thead><tbody id="metrics"></tbody></table>
  <h3>Choices</h3>
  <div class="compare">
    <label>compare with <vscode-single-select id="compare" aria-label="compare with"></vscode-single-select></label>
    <vscode-button id="pin" secondary>Pin for comparison</vscode-button>
  </div>
  <p id="changed-count" class="status"></p>
  <table class="grid"><thead><tr><th>choice</th><th>this subnet</th><th id="other-head"></th></tr></thead><tbody id="choices"></tbody></table>
</div>`;
