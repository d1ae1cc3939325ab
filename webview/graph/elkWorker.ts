// The layout worker's script (bundled on its own): elkjs's worker listens on `self` when it runs in a worker.
import "elkjs/lib/elk-worker.min.js";
