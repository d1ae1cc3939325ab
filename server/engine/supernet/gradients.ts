// tfjs-core's Node bundle registers no gradient functions, and its ESM build (which would) cannot
// be imported by Node. tfjs-layers' Node bundle registers every core gradient into the shared
// global registry when it loads, so this import is for that side effect only: the supernet uses
// no tfjs-layers API.
import "@tensorflow/tfjs-layers";
