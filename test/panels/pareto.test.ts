import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Objective } from "../../protocol/panels";
import { axisChoices, axisValue, chooseAxes, ORDER_AXIS } from "../../webview/pareto/axes";
import { dominates, frontier2d, nonDominated } from "../../webview/pareto/front";
import { frontOf, orderBins, plotRun, visiblePoints } from "../../webview/pareto/plot";
import { emptyRun, evaluationsOf, reduceRun } from "../../webview/pareto/reduce";
import { OBJECTIVES, evaluation, quickRun } from "./events";

const senses = OBJECTIVES.map((o) => o.sense);

describe("reduceRun", () => {
  const events = quickRun();

  test("keeps the search's objectives and every evaluation by index; replay equals live", () => {
    const run = reduceRun(emptyRun(), events);
    assert.deepEqual(run.objectives, [
      { metric: "accuracy", sense: "maximize" },
      { metric: "macs", sense: "minimize" },
    ]);
    assert.equal(run.count, events.filter((e) => e.type === "evaluation").length);
    assert.deepEqual(
      evaluationsOf(run).map((e) => e.index),
      [...Array(run.count).keys()],
    );
    assert.deepEqual(
      events.reduce((s, e) => reduceRun(s, [e]), emptyRun()),
      run,
    );
    assert.equal(run.status, "finished");
  });

  test("an evaluation seen twice or out of order is kept once, in its place", () => {
    const evals = [evaluation(2, [70, 5e5, 1]), evaluation(0, [60, 1e5, 1]), evaluation(1, [65, 2e5, 1])];
    const run = reduceRun(emptyRun(), [...evals, evals[1]]);
    assert.equal(run.count, 3);
    assert.deepEqual(
      evaluationsOf(run).map((e) => e.index),
      [0, 1, 2],
    );
  });

  test("leaves the state it was given as it was", () => {
    const before = reduceRun(emptyRun(), events.slice(0, 20));
    const copy = structuredClone(before);
    reduceRun(before, events.slice(20));
    assert.deepEqual(before, copy);
  });
});

const scored = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })),
  { maxLength: 60 },
);

describe("nonDominated", () => {
  test("is exactly the points no other point dominates", () => {
    fc.assert(
      fc.property(scored, (values) => {
        const points = values.map((v, index) => ({ index, values: v }));
        const expected = points
          .filter((p) => !points.some((q) => dominates(q.values, p.values, senses)))
          .map((p) => p.index);
        const front = nonDominated(points, senses);
        // Equal points: the archive keeps one; every kept point is non-dominated, every non-dominated value is kept.
        for (const i of front) assert.ok(expected.includes(i));
        for (const i of expected)
          assert.ok([...front].some((j) => points[j].values.join() === points[i].values.join()));
      }),
    );
  });
});

describe("frontier2d", () => {
  test("no point beats a frontier point on both axes, and every point is matched or beaten by one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }))),
        fc.constantFrom<Objective["sense"]>("minimize", "maximize"),
        (xy, ySense) => {
          const points = xy.map(([x, y]) => ({ x, y }));
          const f = frontier2d(points, "minimize", ySense);
          const better = (a: number, b: number): boolean => (ySense === "maximize" ? a > b : a < b);
          const atLeast = (a: number, b: number): boolean => a === b || better(a, b);
          for (const p of f)
            assert.ok(
              !points.some((q) => q.x <= p.x && atLeast(q.y, p.y) && (q.x < p.x || better(q.y, p.y))),
            );
          for (const p of points) assert.ok(f.some((q) => q.x <= p.x && atLeast(q.y, p.y)));
          for (let i = 1; i < f.length; i++) assert.ok(f[i - 1].x < f[i].x);
        },
      ),
    );
  });
});

describe("axes", () => {
  test("accuracy goes up and the first cost across; a saved choice holds while the search has it", () => {
    assert.deepEqual(chooseAxes(OBJECTIVES), {
      x: { key: "macs", sense: "minimize" },
      y: { key: "accuracy", sense: "maximize" },
    });
    assert.deepEqual(chooseAxes(OBJECTIVES, { x: "latency" }).x, { key: "latency", sense: "minimize" });
    assert.deepEqual(chooseAxes(OBJECTIVES, { x: "params", y: "nope" }), chooseAxes(OBJECTIVES));
    assert.equal(chooseAxes(OBJECTIVES, { x: "accuracy", y: "accuracy" }).x.key, "macs");
    const minimizeOnly: Objective[] = [
      { metric: "latency", sense: "minimize" },
      { metric: "macs", sense: "minimize" },
    ];
    assert.deepEqual([chooseAxes(minimizeOnly).x.key, chooseAxes(minimizeOnly).y.key], ["macs", "latency"]);
  });

  test("one objective is plotted against the evaluation order", () => {
    const one: Objective[] = [{ metric: "accuracy", sense: "maximize" }];
    assert.deepEqual(chooseAxes(one), {
      x: { key: ORDER_AXIS, sense: "minimize" },
      y: { key: "accuracy", sense: "maximize" },
    });
    assert.deepEqual(
      axisChoices(one).map((a) => a.key),
      ["accuracy", ORDER_AXIS],
    );
    const e = evaluation(7, [80, 1e5, 0.5]);
    assert.equal(axisValue(e, ORDER_AXIS, one), 7);
    assert.equal(axisValue(e, "accuracy", one), 80);
    assert.equal(
      axisValue(e, "latency", one),
      0.5,
      "a metric that is not an objective comes from the metrics",
    );
  });
});

describe("plotRun", () => {
  const evals = [
    evaluation(0, [70, 2e5, 1]),
    evaluation(1, [80, 4e5, 2]),
    evaluation(2, [60, 3e5, 3]), // dominated by 0
    evaluation(3, [90, 1e5, 0.5], 0.4), // best everywhere, but infeasible
    evaluation(4, [75, 2e5, 0.8]),
  ];
  const run = reduceRun(emptyRun(), [
    {
      type: "search-start",
      strategy: "nsga2",
      budget: 5,
      objectives: [...OBJECTIVES],
      reference: [0, 1e6, 10],
    },
    ...evals,
  ]);

  test("marks the feasible front over every objective; infeasible subnets are never on it", () => {
    const plot = plotRun(run, chooseAxes(run.objectives));
    assert.deepEqual(
      plot.points.filter((p) => p.onFront).map((p) => p.index),
      [1, 4],
    );
    assert.equal(plot.infeasible, 1);
    assert.deepEqual([...frontOf(evals, OBJECTIVES)].sort(), [1, 4]);
    assert.deepEqual(
      plot.frontier.map((p) => p.index),
      [4, 1],
    );
  });

  test("the filters hide dominated and infeasible subnets", () => {
    const plot = plotRun(run, chooseAxes(run.objectives));
    const ids = (f: { showDominated: boolean; showInfeasible: boolean }): number[] =>
      visiblePoints(plot, f).map((p) => p.index);
    assert.deepEqual(ids({ showDominated: true, showInfeasible: true }), [0, 1, 2, 3, 4]);
    assert.deepEqual(ids({ showDominated: false, showInfeasible: true }), [1, 3, 4]);
    assert.deepEqual(ids({ showDominated: false, showInfeasible: false }), [1, 4]);
  });

  test("order bins split the evaluations evenly by index", () => {
    const plot = plotRun(run, chooseAxes(run.objectives));
    assert.deepEqual(
      orderBins(plot.points, 5, 2).map((b) => b.map((p) => p.index)),
      [
        [0, 1, 2],
        [3, 4],
      ],
    );
  });
});
