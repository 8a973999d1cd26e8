#!/usr/bin/env node
// CLI entry: runs the compiled CLI (built by `npm run build`, which `npm install` runs via prepare).
import '../dist/src/main.js';
