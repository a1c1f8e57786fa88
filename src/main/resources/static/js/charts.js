/* Dashboard charts: any element with data-chart holds its series as JSON and is drawn with uPlot.
   {"labels": ["11-17", ...], "series": [{"name": "消息", "color": "#3370ff", "values": [..]}, ...], "bars": true} */
(function () {
	'use strict';

	function draw(el) {
		if (el.__drawn || !window.uPlot) {
			return;
		}
		el.__drawn = true;
		var spec = JSON.parse(el.getAttribute('data-chart'));
		var xs = spec.labels.map(function (_, i) { return i; });
		var data = [xs].concat(spec.series.map(function (s) { return s.values; }));
		var bars = window.uPlot.paths.bars({ size: [0.6, 28] });
		var series = [{}].concat(spec.series.map(function (s, i) {
			return {
				label: s.name,
				stroke: s.color,
				width: spec.bars && i === 0 ? 0 : 2,
				fill: spec.bars && i === 0 ? s.color + 'b3' : undefined,
				paths: spec.bars && i === 0 ? bars : undefined,
				points: { show: !(spec.bars && i === 0), size: 5, fill: '#fff' }
			};
		}));
		var make = function () {
			return {
				width: el.clientWidth,
				height: el.clientHeight || 240,
				legend: { show: false },
				cursor: { points: { size: 7 } },
				scales: { x: { time: false, range: [-0.5, xs.length - 0.5] }, y: { range: function (u, min, max) { return [0, Math.max(4, max * 1.15)]; } } },
				axes: [
					// as many day labels as fit (today's always): every day on a wide screen, fewer on a phone
					{ values: function (u, splits) {
						var every = Math.max(1, Math.ceil(splits.length * 46 / (u.width || el.clientWidth || 1)));
						return splits.map(function (i, n) {
							return (splits.length - 1 - n) % every === 0 ? (spec.labels[i] || '') : '';
						});
					},
						splits: function () { return xs; }, stroke: '#86909c', grid: { show: false }, ticks: { show: false },
						font: '12px sans-serif' },
					{ stroke: '#86909c', grid: { stroke: '#f2f3f5' }, ticks: { show: false }, font: '12px sans-serif', size: 40,
						incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000] }
				],
				series: series
			};
		};
		var plot = new window.uPlot(make(), data, el);
		window.addEventListener('resize', function () {
			plot.setSize({ width: el.clientWidth, height: el.clientHeight || 240 });
		});
	}

	function drawAll(root) {
		(root || document).querySelectorAll('[data-chart]').forEach(draw);
	}

	document.addEventListener('DOMContentLoaded', function () { drawAll(); });
	document.addEventListener('htmx:afterSettle', function (e) { drawAll(e.detail.elt.parentNode || document); });
})();
