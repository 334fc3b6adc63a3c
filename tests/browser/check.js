// Drives Debian's headless Chromium for the page tests (tests/browser/test_*.py run this).
//
//   node check.js page FILE.html SHOT.png   open a rendered page; report console errors, page
//                                          errors, dialogs (a script ran), every network
//                                          request but the page itself, and chart counts
//   node check.js mermaid FILE.mmd...       render each Mermaid text with Mermaid itself
//
// Prints one JSON object on stdout. Exits 0 when it could run the checks (the Python test
// judges the results), 2 when it could not.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.PLANCTL_CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

async function withBrowser(fn) {
  const userDataDir = fs.mkdtempSync(path.join(require("os").tmpdir(), "planctl-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 },
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function checkPage(file, shot, scheme) {
  return withBrowser(async (context) => {
    const page = await context.newPage();
    if (scheme) await page.emulateMedia({ colorScheme: scheme });
    const url = "file://" + path.resolve(file);
    const result = { console: [], pageErrors: [], dialogs: [], requests: [] };
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") result.console.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => result.pageErrors.push(String(e)));
    page.on("dialog", async (d) => { result.dialogs.push(d.message()); await d.dismiss(); });
    page.on("request", (r) => { if (r.url() !== url) result.requests.push(r.url()); });
    await page.goto(url, { waitUntil: "load" });
    Object.assign(result, await page.evaluate(() => {
      const bars = [...document.querySelectorAll("svg.gantt rect.bar[data-task]")];
      const summaries = document.querySelectorAll("svg.gantt rect.summary[data-phase]");
      const svgs = [...document.querySelectorAll("svg[role=img]")];
      return {
        title: document.title,
        barTasks: bars.map((b) => b.getAttribute("data-task")),
        summaryBars: summaries.length,
        scripts: document.querySelectorAll("script").length,
        eventAttributes: [...document.querySelectorAll("*")].flatMap((el) =>
          [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName}@${a.name}`)),
        javascriptLinks: [...document.querySelectorAll("a[href]")]
          .filter((a) => a.href.trim().toLowerCase().startsWith("javascript:")).length,
        unlabelledCharts: svgs.filter((s) => !s.querySelector("title")).length,
        charts: svgs.length,
        heatmapCells: document.querySelectorAll("svg.heatmap g.cell").length,
        bodyColor: getComputedStyle(document.body).color,
        bodyBackground: getComputedStyle(document.body).backgroundColor,
        lowContrast: lowContrastText(),
        barColours: barColours(),
        legendColours: legendColours(),
        heatmapIds: [...document.querySelectorAll("svg.heatmap text.risk-id:not(.more)")]
          .map((t) => t.textContent),
        heatmapOverflow: heatmapOverflow(),
      };

      // Every colour a Gantt bar, mark or flag is painted with (fill and stroke), with an
      // example of what uses it: the legend must show each.
      function barColours() {
        const found = {};
        const marks = document.querySelectorAll(
          "svg.gantt .row rect:not(.band), svg.gantt .row path, svg.gantt rect.baseline");
        for (const el of marks) {
          const style = getComputedStyle(el);
          for (const prop of ["fill", "stroke"]) {
            const colour = style[prop];
            if (!colour || colour === "none" || /rgba\(.*, 0\)$/.test(colour)) continue;
            if (prop === "stroke" && !(parseFloat(style.strokeWidth) > 0)) continue;
            const row = el.closest(".row");
            found[colour] = found[colour] || `${prop} of ${el.tagName}.${el.getAttribute("class")}`
              + (row ? ` in ${row.getAttribute("class")}` : "");
          }
        }
        return found;
      }

      // The colours of the legend's swatches: background, outline and left border.
      function legendColours() {
        const found = new Set();
        for (const el of document.querySelectorAll(".legend i")) {
          const style = getComputedStyle(el);
          if (!/rgba\(.*, 0\)$/.test(style.backgroundColor)) found.add(style.backgroundColor);
          if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) found.add(style.outlineColor);
          if (style.borderLeftStyle !== "none" && parseFloat(style.borderLeftWidth) > 0) found.add(style.borderLeftColor);
        }
        return [...found];
      }

      // Every heat-map text that reaches outside its cell, or outside the chart.
      function heatmapOverflow() {
        const found = [];
        for (const svg of document.querySelectorAll("svg.heatmap")) {
          const box = svg.viewBox.baseVal;
          for (const cell of svg.querySelectorAll("g.cell")) {
            const r = cell.querySelector("rect").getBBox();
            for (const text of cell.querySelectorAll("text")) {
              const t = text.getBBox();
              const inside = t.x >= r.x && t.y >= r.y && t.x + t.width <= r.x + r.width
                && t.y + t.height <= r.y + r.height;
              if (!inside) {
                found.push(`${text.textContent}: text ${[t.x, t.y, t.width, t.height].map(Math.round)}`
                  + ` outside its cell ${[r.x, r.y, r.width, r.height].map(Math.round)}`);
              }
            }
          }
          for (const text of svg.querySelectorAll("text:not([transform])")) {
            const t = text.getBBox();
            if (t.x < 0 || t.x + t.width > box.width || t.y + t.height > box.height) {
              found.push(`${text.textContent}: outside the chart`);
            }
          }
        }
        return found;
      }

      // Every HTML element holding text, whose colour is below 4.5:1 against the first opaque
      // background behind it (WCAG AA for normal text). SVG text is judged by its fill.
      function lowContrastText() {
        const rgb = (css) => (css.match(/[\d.]+/g) || []).map(Number);
        const lum = ([r, g, b]) => [r, g, b].map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
        const ratio = (a, b) => {
          const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
          return (hi + 0.05) / (lo + 0.05);
        };
        const background = (el) => {
          for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
            const bg = rgb(getComputedStyle(node).backgroundColor);
            if (bg.length >= 3 && (bg.length < 4 || bg[3] > 0.5)) return bg;
          }
          return rgb(getComputedStyle(document.body).backgroundColor);
        };
        const found = [];
        for (const el of document.querySelectorAll("body *")) {
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
          if (!own || el.closest("svg") && el.tagName.toLowerCase() !== "text") continue;
          const style = getComputedStyle(el);
          if (style.visibility === "hidden" || style.display === "none") continue;
          const fg = rgb(el.closest("svg") ? style.fill : style.color);
          if (fg.length < 3) continue;
          const bg = el.closest("svg") ? background(el.closest("svg").parentElement) : background(el);
          const r = ratio(fg, bg);
          if (r < 4.5) found.push(`${el.tagName.toLowerCase()}.${el.getAttribute("class") || ""}: ${r.toFixed(2)} "${el.textContent.trim().slice(0, 30)}"`);
        }
        return [...new Set(found)].slice(0, 20);
      }
    }));
    if (shot) {
      // A full-page shot of a 2,000-row page takes too long: keep the top 6,000 pixels.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 1280, height: Math.min(height, 6000) });
      await page.screenshot({ path: shot });
    }
    return result;
  });
}

async function checkMermaid(files) {
  const mermaidJs = require.resolve("mermaid/dist/mermaid.min.js");
  return withBrowser(async (context) => {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setContent("<!DOCTYPE html><html><body><div id=out></div></body></html>");
    await page.addScriptTag({ path: mermaidJs });
    const results = [];
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      results.push(await page.evaluate(async ({ text, id }) => {
        window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
        try {
          await window.mermaid.parse(text);
          const { svg } = await window.mermaid.render(id, text);
          const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
          const diagram = await window.mermaid.mermaidAPI.getDiagramFromText(text);
          const tasks = diagram.db.getTasks ? diagram.db.getTasks() : [];
          return {
            // Over its size limit Mermaid draws an error diagram instead of failing.
            ok: !svg.includes("Syntax error") && !svg.includes("Maximum text size")
              && !doc.querySelector("parsererror"),
            error: svg.includes("Maximum text size") ? `text of ${text.length} units is over Mermaid's limit` : undefined,
            tasks: tasks.map((t) => ({
              task: t.task, start: t.startTime.toISOString().slice(0, 10),
              end: t.endTime.toISOString().slice(0, 10), milestone: !!t.milestone,
              classes: t.classes, section: t.section,
            })),
            sections: diagram.db.getSections ? diagram.db.getSections() : [],
            title: diagram.db.getDiagramTitle ? diagram.db.getDiagramTitle() : null,
          };
        } catch (e) {
          return { ok: false, error: String((e && e.message) || e) };
        }
      }, { text, id: "m" + results.length }));
    }
    return { results, pageErrors: errors };
  });
}

(async () => {
  const [mode, ...args] = process.argv.slice(2);
  try {
    let out;
    if (mode === "page") out = await checkPage(args[0], args[1], args[2]);
    else if (mode === "mermaid") out = await checkMermaid(args);
    else throw new Error("usage: node check.js page FILE SHOT | mermaid FILE...");
    process.stdout.write(JSON.stringify(out));
  } catch (e) {
    process.stderr.write(String((e && e.stack) || e) + "\n");
    process.exit(2);
  }
})();
