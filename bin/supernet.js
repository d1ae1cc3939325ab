#!/usr/bin/env node
"use strict";
// The CLI is bundled by `npm run build` (run automatically by `npm ci` through `prepare`).
require("../out/cli/supernet.js");
