// Runs Lighthouse (performance only, default mobile preset) on each job of LIGHTHOUSE_JOBS (JSON:
// [{ url, cookie? }]), in order, in one Chromium; prints one JSON array of results. Plain Node on
// purpose: Lighthouse sends its functions' source into the page, and tsx's transform (it adds
// __name calls) breaks them there.
import fs from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const jobs = JSON.parse(process.env.LIGHTHOUSE_JOBS ?? "[]");
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const results = [];
try {
  for (const { url, cookie } of jobs) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { lhr } = result;
    // LIGHTHOUSE_REPORT_DIR keeps each whole report, to see where the main thread's time went.
    if (process.env.LIGHTHOUSE_REPORT_DIR) {
      const name = `${new URL(url).pathname.replace(/\W+/g, "_")}-${results.length}.json`;
      fs.writeFileSync(path.join(process.env.LIGHTHOUSE_REPORT_DIR, name), JSON.stringify(lhr));
    }
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    // A redirect (to /sign-in, say) would measure the wrong page.
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname)
      throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not ${url}`);
    results.push({
      url,
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      totalBlockingTimeMs: Math.round(lhr.audits["total-blocking-time"].numericValue ?? 0),
      transferredKb: Math.round((lhr.audits["total-byte-weight"].numericValue ?? 0) / 102.4) / 10,
      largestContentfulPaintMs: Math.round(lhr.audits["largest-contentful-paint"].numericValue ?? 0),
      bootupMs: Math.round(lhr.audits["bootup-time"].numericValue ?? 0),
      mainThreadMs: Math.round(lhr.audits["mainthread-work-breakdown"].numericValue ?? 0),
    });
  }
} finally {
  chrome.kill();
}
console.log(JSON.stringify(results));
