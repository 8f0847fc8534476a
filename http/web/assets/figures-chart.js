// Draws the figures page's two charts with Apache ECharts (SVG renderer, zh-CN first) from the
// JSON the server put in the page; the table beside them holds the same numbers.
(function () {
  var data = JSON.parse(document.getElementById("figures-data").textContent);
  var L = data.labels;
  var pct = function (x) { return x === null ? null : Math.round(x * 1000) / 10; };
  var col = function (k) { return data.rows.map(function (r) { return r[k]; }); };
  var done = 0;
  function draw(id, option) {
    var el = document.getElementById(id);
    var chart = echarts.init(el, null, { renderer: "svg", locale: data.locale });
    chart.on("finished", function () {
      if (el.dataset.rendered) return;
      el.dataset.rendered = "1";
      if (++done === 2) document.body.dataset.chartsRendered = "1";
    });
    chart.setOption(option);
  }
  var base = { tooltip: { trigger: "axis" }, legend: { top: 4, right: 8 }, grid: { top: 64, left: 48, right: 16, bottom: 48 },
    xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 6 ? 30 : 0 } } };
  draw("chart-counts", Object.assign({}, base, {
    title: { text: L.counts, left: 8, top: 4, textStyle: { fontSize: 14 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: L.received, type: "bar", data: col("received") },
      { name: L.closed, type: "bar", data: col("closed") },
      { name: L.onTime, type: "bar", data: col("closedOnTime") },
      { name: L.overdue, type: "bar", data: col("overdueNow") },
    ],
  }));
  draw("chart-rates", Object.assign({}, base, {
    title: { text: L.rates, left: 8, top: 4, textStyle: { fontSize: 14 } },
    yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      { name: L.onTimeRate, type: "bar", data: col("onTime").map(pct) },
      { name: L.satisfaction, type: "bar", data: col("satisfaction").map(pct) },
      { name: L.reopen, type: "bar", data: col("reopen").map(pct) },
    ],
  }));
})();
