// The report's only script besides uPlot: sortable and filterable tables, the
// findings filter, copy buttons and the load charts. Inlined into index.html;
// it reads data from the page and never touches the network.
(() => {
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  // ---------------------------------------------------------------- tables
  function cellKey(row, index, numeric) {
    const cell = row.cells[index];
    const text = cell ? (cell.dataset.sort ?? cell.textContent.trim()) : '';
    if (!numeric) return text.toLowerCase();
    const n = Number.parseFloat(text);
    return Number.isNaN(n) ? Number.NEGATIVE_INFINITY : n;
  }

  for (const table of $$('table[data-sortable]')) {
    const headers = $$('thead th', table);
    headers.forEach((th, index) => {
      th.tabIndex = 0;
      const sort = () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of headers) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const numeric = th.dataset.type === 'num';
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = cellKey(a, index, numeric);
          const y = cellKey(b, index, numeric);
          const order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        for (const row of rows) body.appendChild(row);
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          sort();
        }
      });
    });
  }

  for (const input of $$('input[data-filter-for]')) {
    const table = document.getElementById(input.dataset.filterFor);
    if (!table) continue;
    input.addEventListener('input', () => {
      const query = input.value.trim().toLowerCase();
      for (const row of Array.from(table.tBodies[0].rows)) {
        row.hidden = query !== '' && !row.textContent.toLowerCase().includes(query);
      }
    });
  }

  // ---------------------------------------------------------------- findings
  const findingFilter = document.getElementById('finding-filter');
  const findingCheck = document.getElementById('finding-check');
  const findingCount = document.getElementById('finding-count');
  function filterFindings() {
    const query = (findingFilter?.value ?? '').trim().toLowerCase();
    const check = findingCheck?.value ?? '';
    let shown = 0;
    for (const group of $$('details.check')) {
      let visible = 0;
      for (const article of $$('article.finding', group)) {
        const match =
          (check === '' || article.dataset.check === check) &&
          (query === '' || article.textContent.toLowerCase().includes(query));
        article.hidden = !match;
        if (match) visible++;
      }
      group.hidden = visible === 0;
      shown += visible;
    }
    if (findingCount) findingCount.textContent = `${shown} shown`;
  }
  findingFilter?.addEventListener('input', filterFindings);
  findingCheck?.addEventListener('change', filterFindings);
  if (findingFilter) filterFindings();

  // ---------------------------------------------------------------- copy
  function copyFallback(text) {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
  for (const button of $$('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const text = document.getElementById(button.dataset.copy)?.textContent ?? '';
      let ok = false;
      try {
        await navigator.clipboard.writeText(text);
        ok = true;
      } catch {
        ok = copyFallback(text);
      }
      const label = button.textContent;
      button.textContent = ok ? 'Copied' : 'Select and copy';
      setTimeout(() => {
        button.textContent = label;
      }, 1500);
    });
  }

  // ---------------------------------------------------------------- charts
  const dataElement = document.getElementById('tollgate-charts');
  if (!dataElement || typeof uPlot === 'undefined') return;
  const loads = JSON.parse(dataElement.textContent);
  const colors = { p50: '#2e7d32', p95: '#ef6c00', p99: '#c62828', rps: '#0b5cad', errors: '#c62828' };
  const ms = (_u, v) => (v == null ? '–' : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`);
  const msAxis = { label: 'ms', values: (_u, splits) => splits.map((v) => `${+v.toFixed(2)}`) };
  const line = (label, color, extra = {}) => ({ label, stroke: color, width: 2, value: ms, ...extra });

  // distribution x axis: -log10(1 - p) so 90, 99, 99.9 are evenly spaced (HdrHistogram style)
  const MAX_NINES = 5;
  const nines = (p) => Math.min(MAX_NINES, -Math.log10(Math.max(1 - p / 100, 10 ** -MAX_NINES)));
  const ninesLabel = (x) => {
    const p = 100 * (1 - 10 ** -x);
    return `${+p.toFixed(Math.max(0, Math.round(x) - 2))}%`;
  };

  const builders = {
    latency(load) {
      const t = load.timeline;
      return {
        data: [t.map((s) => s.t), t.map((s) => s.p50), t.map((s) => s.p95), t.map((s) => s.p99)],
        options: {
          scales: { x: { time: false } },
          axes: [{ label: 'seconds' }, msAxis],
          series: [{ label: 's' }, line('p50', colors.p50), line('p95', colors.p95), line('p99', colors.p99)],
        },
      };
    },
    rps(load) {
      const t = load.timeline;
      return {
        data: [t.map((s) => s.t), t.map((s) => s.rps), t.map((s) => s.errors)],
        options: {
          scales: { x: { time: false }, errors: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
          axes: [
            { label: 'seconds' },
            { label: 'requests/s' },
            { scale: 'errors', side: 1, label: 'errors/s', grid: { show: false } },
          ],
          series: [
            { label: 's' },
            { label: 'rps', stroke: colors.rps, width: 2, fill: 'rgba(11,92,173,0.08)' },
            {
              label: 'errors',
              scale: 'errors',
              stroke: colors.errors,
              width: 1.5,
              paths: uPlot.paths.stepped({ align: 1 }),
            },
          ],
        },
      };
    },
    distribution(load) {
      const points = load.distribution;
      return {
        data: [points.map(([p]) => nines(p)), points.map(([, v]) => v)],
        options: {
          scales: { x: { time: false, range: [0, MAX_NINES] } },
          axes: [
            {
              label: 'percentile',
              splits: () => [0, 1, 2, 3, 4, 5],
              values: (_u, splits) => splits.map(ninesLabel),
            },
            msAxis,
          ],
          series: [
            { label: 'percentile', value: (_u, v) => (v == null ? '–' : ninesLabel(v)) },
            line('latency', colors.p99, { points: { show: true, size: 5 } }),
          ],
        },
      };
    },
    operations(load) {
      const ops = load.perOperation;
      const index = ops.map((_, i) => i);
      const bars = uPlot.paths.bars({ size: [0.6, 80] });
      const bar = (label, color, fill) => ({
        label,
        stroke: color,
        fill,
        width: 1,
        paths: bars,
        points: { show: false },
        value: ms,
      });
      return {
        data: [index, ops.map((o) => o.p99), ops.map((o) => o.p95), ops.map((o) => o.p50)],
        options: {
          scales: {
            x: { time: false, range: [-0.5, Math.max(0.5, ops.length - 0.5)] },
            y: { range: (_u, _min, max) => [0, max * 1.1 || 1] },
          },
          axes: [
            {
              splits: () => index,
              values: (_u, splits) => splits.map((i) => shortOperation(ops[i]?.operation ?? '')),
              size: 40,
            },
            msAxis,
          ],
          series: [
            { label: 'operation', value: (_u, i) => (i == null ? '–' : (ops[i]?.operation ?? '')) },
            bar('p99', colors.p99, 'rgba(198,40,40,0.35)'),
            bar('p95', colors.p95, 'rgba(239,108,0,0.55)'),
            bar('p50', colors.p50, 'rgba(46,125,50,0.85)'),
          ],
        },
      };
    },
  };

  function shortOperation(operation) {
    return operation.length > 28 ? `${operation.slice(0, 27)}…` : operation;
  }

  const charts = [];
  for (const element of $$('[data-chart]')) {
    const load = loads[Number(element.dataset.load)];
    const build = builders[element.dataset.chart];
    if (!load || !build) continue;
    const { data, options } = build(load);
    const width = Math.max(300, element.clientWidth || 520);
    const plot = new uPlot({ width, height: 240, legend: { live: true }, ...options }, data, element);
    element.dataset.drawn = 'true';
    charts.push({ plot, element });
  }
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      for (const { plot, element } of charts)
        plot.setSize({ width: Math.max(300, element.clientWidth), height: 240 });
    }, 100);
  });
})();
