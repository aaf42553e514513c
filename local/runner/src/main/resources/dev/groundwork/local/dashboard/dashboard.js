// The local dashboard: reads /_local/metrics every two seconds and redraws two tables. No framework, no CDN.
"use strict";

const REFRESH_MS = 2000;

function number(value, digits) {
  return value === 0 ? "0" : value.toFixed(digits);
}

function milliseconds(value, seen) {
  return seen ? number(value, value < 10 ? 2 : 1) : "–";
}

function duration(ms) {
  if (ms < 1000) return Math.round(ms) + " ms";
  if (ms < 120000) return (ms / 1000).toFixed(1) + " s";
  return (ms / 60000).toFixed(1) + " min";
}

function sparkline(values) {
  const width = 120, height = 22, max = Math.max(1, ...values), step = width / values.length;
  const bars = values.map((value, i) => {
    const h = Math.round((value / max) * height);
    return `<rect x="${(i * step).toFixed(1)}" y="${height - h}" width="${Math.max(1, step - 1).toFixed(1)}" height="${h}"></rect>`;
  }).join("");
  return `<svg class="spark" width="${width}" height="${height}" aria-hidden="true">${bars}</svg>`;
}

function cell(field, text, bad) {
  const td = document.createElement("td");
  td.dataset.field = field;
  if (bad) td.className = "bad";
  td.innerHTML = text;
  return td;
}

function escape(text) {
  return text.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
}

function row(function_, idle, cells) {
  const tr = document.createElement("tr");
  tr.dataset.function = function_;
  if (idle) tr.className = "idle";
  cells.forEach(td => tr.appendChild(td));
  return tr;
}

function drawRoutes(routes) {
  const body = document.querySelector("#routes tbody");
  body.replaceChildren(...routes.map(route => {
    const seen = route.requests > 0;
    const errors = route.errors4xx + route.errors5xx;
    const rate = seen ? (100 * route.errors5xx / route.requests) : 0;
    const problems = Object.entries(route.problems).map(([type, count]) => `${escape(type)} ${count}`).join(", ");
    return row(route.function, !seen, [
      cell("route", escape(route.label)),
      cell("requests", String(route.requests)),
      cell("perMinute", number(route.perMinute, 1)),
      cell("errors4xx", String(route.errors4xx)),
      cell("errors5xx", String(route.errors5xx), route.errors5xx > 0),
      cell("errorRate", seen ? number(rate, 1) + " %" : "–", rate > 5),
      cell("p50", milliseconds(route.p50, seen)),
      cell("p95", milliseconds(route.p95, seen)),
      cell("p99", milliseconds(route.p99, seen)),
      cell("problems", problems || (errors > 0 ? "" : "–")),
      cell("traffic", sparkline(route.timeline)),
    ]);
  }));
}

function drawConsumers(consumers) {
  const body = document.querySelector("#consumers tbody");
  body.replaceChildren(...consumers.map(consumer => {
    const seen = consumer.batches > 0;
    return row(consumer.function, !seen, [
      cell("consumer", escape(consumer.label)),
      cell("batches", String(consumer.batches)),
      cell("events", String(consumer.events)),
      cell("perMinute", number(consumer.perMinute, 1)),
      cell("failed", String(consumer.failed), consumer.failed > 0),
      cell("deduplicated", String(consumer.deduplicated)),
      cell("oldestEventAge", seen ? duration(consumer.oldestEventAgeMs) : "–"),
      cell("p50", milliseconds(consumer.p50, seen)),
      cell("p95", milliseconds(consumer.p95, seen)),
      cell("p99", milliseconds(consumer.p99, seen)),
      cell("traffic", sparkline(consumer.timeline)),
    ]);
  }));
}

async function refresh() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("/_local/metrics", { cache: "no-store" });
    if (!response.ok) throw new Error("HTTP " + response.status);
    const snapshot = await response.json();
    document.getElementById("window").textContent = `last ${Math.round(snapshot.windowSeconds / 60)} minutes`;
    drawRoutes(snapshot.routes);
    drawConsumers(snapshot.consumers);
    status.textContent = "updated " + new Date(snapshot.at).toLocaleTimeString();
    document.body.dataset.updated = snapshot.at;
  } catch (failure) {
    status.textContent = "the runner did not answer (" + failure.message + "); retrying";
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
