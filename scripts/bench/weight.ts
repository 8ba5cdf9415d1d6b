// Benchmark 4: first-load JavaScript of the Authenticate screen against a bare page of the same build.
import { gzipSync } from "node:zlib";

import { launchBrowser, newSignedInPage } from "./session";
import { figure, round, type Figure } from "./support";

/**
 * The <script src> chunks a page's HTML loads and the sum of their gzip sizes. `nomodule` scripts
 * (legacy polyfills) are counted apart: browsers that run module scripts never download them.
 */
async function firstLoadJs(baseUrl: string, pagePath: string) {
  const html = await (await fetch(`${baseUrl}${pagePath}`)).text();
  const tags = [...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"[^>]*>/g)];
  const sources = new Map(tags.map((tag) => [tag[1].replaceAll("&amp;", "&"), /\snomodule\b/i.test(tag[0])]));
  if (sources.size === 0) throw new Error(`no <script src> in ${pagePath}`);
  const sizes = { chunks: 0, rawKb: 0, gzipKb: 0, noModuleGzipKb: 0 };
  for (const [src, noModule] of sources) {
    const response = await fetch(new URL(src, baseUrl));
    if (!response.ok) throw new Error(`GET ${src} answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    const gzipKb = gzipSync(body).length / 1024;
    if (noModule) {
      sizes.noModuleGzipKb += gzipKb;
      continue;
    }
    sizes.chunks += 1;
    sizes.rawKb += body.length / 1024;
    sizes.gzipKb += gzipKb;
  }
  return {
    path: pagePath,
    chunks: sizes.chunks,
    rawKb: round(sizes.rawKb, 1),
    gzipKb: round(sizes.gzipKb, 1),
    noModuleGzipKb: round(sizes.noModuleGzipKb, 1),
  };
}

/**
 * Every script a browser actually fetches for the page until the network is idle: the first-load
 * chunks plus any loaded lazily after hydration (the Add New Credential overlay's), so moving code
 * out of the first load cannot hide it from the figures.
 */
async function jsFetchedByBrowser(baseUrl: string, pagePath: string) {
  const browser = await launchBrowser();
  try {
    const page = await newSignedInPage(browser);
    const scripts = new Map<string, Promise<Buffer>>();
    page.on("response", (response) => {
      if (response.request().resourceType() === "script" && response.ok()) scripts.set(response.url(), response.body());
    });
    await page.goto(`${baseUrl}${pagePath}`, { waitUntil: "networkidle" });
    let gzipKb = 0;
    for (const body of scripts.values()) gzipKb += gzipSync(await body).length / 1024;
    return { path: pagePath, chunks: scripts.size, gzipKb: round(gzipKb, 1) };
  } finally {
    await browser.close();
  }
}

export async function benchWeight(baseUrl: string): Promise<{ figures: Figure[]; details: object }> {
  const authenticate = await firstLoadJs(baseUrl, "/sources/new/clickup");
  const bare = await firstLoadJs(baseUrl, "/no-such-page");
  const authenticateInBrowser = await jsFetchedByBrowser(baseUrl, "/sources/new/clickup");
  const bareInBrowser = await jsFetchedByBrowser(baseUrl, "/no-such-page");
  const name = "4. Weight";
  const figures = [
    figure(name, "first-load JS, Authenticate (gzip)", authenticate.gzipKb, "kB"),
    figure(name, "first-load JS, bare 404 page (gzip)", bare.gzipKb, "kB"),
    figure(name, "Authenticate / bare page", round(authenticate.gzipKb / bare.gzipKb, 3), "×", 1.3),
    figure(name, "all JS a browser fetches, Authenticate incl. lazy (gzip)", authenticateInBrowser.gzipKb, "kB"),
    figure(name, "all JS a browser fetches, bare 404 page (gzip)", bareInBrowser.gzipKb, "kB"),
  ];
  const withNoModule = round(
    (authenticate.gzipKb + authenticate.noModuleGzipKb) / (bare.gzipKb + bare.noModuleGzipKb),
    3,
  );
  return {
    figures,
    details: {
      authenticate,
      bare,
      ratioCountingNoModuleScripts: withNoModule,
      fetchedByBrowser: {
        authenticate: authenticateInBrowser,
        bare: bareInBrowser,
        ratio: round(authenticateInBrowser.gzipKb / bareInBrowser.gzipKb, 3),
      },
    },
  };
}
