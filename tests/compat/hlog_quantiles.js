#!/usr/bin/env node
// Reads an HdrHistogram interval log (faultline's histograms.hlog) with hdr-histogram-js, an
// implementation independent of faultline's, merges the intervals of each tag and prints
//   {"<tag>": {"p50": ns, "p99": ns, "max": ns, "count": n, "intervals": n}, ...}
// Used by tests/unit/report/hlog_writer_test.cpp. Usage: node hlog_quantiles.js FILE
"use strict";

const fs = require("fs");
const hdr = require("hdr-histogram-js");

if (process.argv.length !== 3) {
    console.error("usage: node hlog_quantiles.js FILE");
    process.exit(2);
}

// 64: Float64Histogram counters (exact up to 2^53), not the default 32-bit ones, which would
// wrap on big counts; the plain JS implementation, not WebAssembly.
const bitBucketSize = 64;
const reader = new hdr.HistogramLogReader(
    fs.readFileSync(process.argv[2], "utf8"), bitBucketSize, false);

const merged = new Map();
const intervals = new Map();
for (let h = reader.nextIntervalHistogram(); h !== null; h = reader.nextIntervalHistogram()) {
    const acc = merged.get(h.tag);
    if (acc === undefined) {
        merged.set(h.tag, h);
    } else {
        acc.add(h);
    }
    intervals.set(h.tag, (intervals.get(h.tag) || 0) + 1);
}

// getValueAtPercentile returns the highest value equivalent to the value at that rank, as
// HdrHistogram's Java getValueAtPercentile does.
const out = {};
for (const [tag, h] of merged) {
    out[tag] = {
        p50: h.getValueAtPercentile(50),
        p99: h.getValueAtPercentile(99),
        max: h.maxValue,
        count: h.totalCount,
        intervals: intervals.get(tag),
    };
}
process.stdout.write(JSON.stringify(out) + "\n");
