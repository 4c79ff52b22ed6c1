// Lighthouse (phone profile, its default) over many pages with one browser: the scores of
// each category asked for and the audits that lost points. Used by tests/test_gates_lighthouse.py
// and the bench (vkc.site.lighthouse). Usage:
//   CHROME_PATH=/usr/bin/chromium node lighthouse.mjs OUT.json CATEGORIES URL...
// CATEGORIES: comma-separated (accessibility,seo,best-practices,performance).
import fs from "node:fs";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [, , outFile, categories, ...urls] = process.argv;
const only = categories.split(",");
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
const results = {};
try {
  for (const url of urls) {
    // The service worker is blocked: registered after load, it precaches the whole language
    // tree, and Lighthouse would wait for that download to end (up to 45 s a page).
    const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: only, blockedUrlPatterns: ["*/sw.js"] };
    const run = await lighthouse(url, flags);
    const lhr = run.lhr;
    const scores = {};
    const failed = [];
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = category.score;
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failed.push({ id: ref.id, category: id, score: audit.score, value: audit.displayValue || "",
                        items: ((audit.details && audit.details.items) || []).slice(0, 5) });
        }
      }
    }
    const metrics = {};
    for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) {
      if (lhr.audits[id]) metrics[id] = lhr.audits[id].numericValue;
    }
    const errors = lhr.audits["errors-in-console"];
    results[url] = { scores, failed, metrics, consoleErrors: errors && errors.details ? errors.details.items : [] };
  }
} finally {
  await chrome.kill();
}
fs.writeFileSync(outFile, JSON.stringify(results, null, 1));
