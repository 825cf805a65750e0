// Brevity's live dashboard: reads /api (JSON), refreshes when /api/changes (server-sent events)
// says something changed. No reload, nothing fetched from outside this service.
'use strict';

const charts = {};
let selectedRun = null;
let selectedProblem = null;
let refreshing = false;
let pending = false;

const fmt = (x, digits = 3) => (x === null || x === undefined ? '–' : Number(x).toFixed(digits));
const pct = x => (x === null || x === undefined ? '–' : (x > 0 ? '+' : '') + x.toFixed(1) + ' %');

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function chart(id, config) {
  if (!charts[id]) {
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: true }, config.options);
    charts[id] = new Chart(document.getElementById(id), config);
  }
  return charts[id];
}

function setData(c, labels, datasets) {
  if (labels) c.data.labels = labels;
  datasets.forEach((d, i) => {
    if (!c.data.datasets[i]) c.data.datasets[i] = {};
    Object.assign(c.data.datasets[i], d);
  });
  c.data.datasets.length = datasets.length;
  c.update('none');
}

function renderRuns(runs) {
  const body = document.querySelector('#runs tbody');
  body.replaceChildren();
  document.getElementById('no-runs').hidden = runs.length > 0;
  for (const run of runs) {
    const row = body.insertRow();
    row.dataset.run = run.runId;
    row.className = run.runId === selectedRun ? 'selected' : '';
    cell(row, run.runId);
    cell(row, run.method);
    cell(row, run.state);
    cell(row, run.policyVersion);
    cell(row, fmt(run.accuracy));
    cell(row, fmt(run.meanLength, 1));
    cell(row, pct(run.lengthChangePct));
    cell(row, fmt(run.aes), run.aes > 0 ? 'good' : run.aes < 0 ? 'bad' : '');
    row.addEventListener('click', () => { selectedRun = run.runId; selectedProblem = null; refresh(); });
  }
}

function renderEvals(detail) {
  const evals = detail.evals;
  const greedy = evals.filter(e => e.decoding === 'greedy' && e.tokenBudget == null);
  const reference = greedy.find(e => e.policyVersion === 0);
  const budgets = evals.filter(e => e.tokenBudget != null);

  setData(chart('chart-curve', {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: { scales: { accuracy: { position: 'left', min: 0, max: 1 }, length: { position: 'right', grid: { drawOnChartArea: false } } } }
  }), greedy.map(e => 'v' + e.policyVersion), [
    { label: 'accuracy', data: greedy.map(e => e.accuracy), yAxisID: 'accuracy', borderColor: '#1a7f37' },
    { label: 'mean length', data: greedy.map(e => e.meanLength), yAxisID: 'length', borderColor: '#3558d8' }
  ]);

  setData(chart('chart-tradeoff', {
    type: 'scatter',
    data: { datasets: [] },
    options: { scales: { x: { title: { display: true, text: 'mean length (tokens)' } }, y: { title: { display: true, text: 'accuracy' }, min: 0, max: 1 } } }
  }), null, [
    { label: 'reference', data: reference ? [{ x: reference.meanLength, y: reference.accuracy }] : [], backgroundColor: '#111', pointRadius: 7 },
    { label: 'versions', data: greedy.filter(e => e.policyVersion > 0).map(e => ({ x: e.meanLength, y: e.accuracy, v: e.policyVersion })), backgroundColor: '#3558d8' },
    { label: 'budget forcing', data: budgets.map(e => ({ x: e.meanLength, y: e.accuracy, b: e.tokenBudget })), backgroundColor: '#d97706', pointStyle: 'triangle', pointRadius: 6 }
  ]);

  const body = document.querySelector('#evals tbody');
  body.replaceChildren();
  for (const e of evals) {
    const row = body.insertRow();
    row.dataset.version = e.policyVersion;
    cell(row, e.policyVersion === 0 ? 'reference' : 'v' + e.policyVersion);
    cell(row, e.stage);
    cell(row, e.tokenBudget != null ? 'budget ' + e.tokenBudget : e.decoding + (e.samples > 1 ? ' ×' + e.samples : ''));
    cell(row, fmt(e.accuracy));
    cell(row, fmt(e.meanLength, 1));
    cell(row, fmt(e.aes), e.aes > 0 ? 'good' : e.aes < 0 ? 'bad' : '');
  }

  const levels = document.querySelector('#levels tbody');
  levels.replaceChildren();
  const latest = greedy[greedy.length - 1];
  if (latest) {
    for (const level of latest.perDifficulty) {
      const ref = reference && reference.perDifficulty.find(l => l.difficulty === level.difficulty);
      const row = levels.insertRow();
      cell(row, level.difficulty);
      cell(row, (ref ? fmt(ref.accuracy, 2) + ' → ' : '') + fmt(level.accuracy, 2));
      cell(row, (ref ? fmt(ref.meanLength, 0) + ' → ' : '') + fmt(level.meanLength, 0));
    }
  }
}

function histogram(id, h, label) {
  const labels = [];
  for (let i = 0; i < (h.counts[0] || []).length; i++) labels.push(fmt(h.start + (i + 0.5) * h.width, label === 'reward' ? 2 : 0));
  const colors = ['#9aa5b1', '#3558d8'];
  setData(chart(id, { type: 'bar', data: { labels: [], datasets: [] }, options: { scales: { x: { title: { display: true, text: label } } } } }),
    labels, h.series.map((name, i) => ({ label: name, data: h.counts[i], backgroundColor: colors[i % 2] })));
}

function renderTraining(detail) {
  histogram('chart-rewards', detail.rewards, 'reward');
  histogram('chart-lengths', detail.lengths, 'length');
  const steps = detail.steps;
  setData(chart('chart-diagnostics', { type: 'line', data: { labels: [], datasets: [] } }),
    steps.map(s => 'v' + s.policyVersion), [
      { label: 'loss', data: steps.map(s => s.loss), borderColor: '#b42318' },
      { label: 'approx KL', data: steps.map(s => s.approxKl), borderColor: '#7c3aed' },
      { label: 'clip fraction', data: steps.map(s => s.clipFraction), borderColor: '#d97706' },
      { label: 'entropy', data: steps.map(s => s.entropy), borderColor: '#0f766e' }
    ]);
  setData(chart('chart-throughput', {
    type: 'line', data: { labels: [], datasets: [] },
    options: { scales: { speed: { position: 'left', min: 0 }, staleness: { position: 'right', min: 0, grid: { drawOnChartArea: false } } } }
  }), steps.map(s => 'v' + s.policyVersion), [
    { label: 'update tokens/s', data: steps.map(s => s.tokensPerSecond), yAxisID: 'speed', borderColor: '#3558d8' },
    { label: 'mean staleness', data: steps.map(s => s.stalenessMean), yAxisID: 'staleness', borderColor: '#d97706' },
    { label: 'max staleness', data: steps.map(s => s.stalenessMax), yAxisID: 'staleness', borderColor: '#b42318', borderDash: [4, 4] }
  ]);
  const minutes = detail.throughput;
  document.getElementById('sampling-rate').textContent = minutes.length
    ? 'sampling: ' + minutes.map(m => m.traces).join(', ') + ' traces scored per minute (oldest first)'
    : 'sampling: no scored traces yet';

  const fates = document.querySelector('#fates tbody');
  fates.replaceChildren();
  for (const [fate, count] of Object.entries(detail.fates)) {
    const row = fates.insertRow();
    cell(row, fate);
    cell(row, count);
  }

  const replays = document.querySelector('#replays tbody');
  replays.replaceChildren();
  for (const r of detail.replays) {
    const row = replays.insertRow();
    row.dataset.reward = r.rewardVersion;
    cell(row, r.rewardVersion);
    cell(row, r.traces);
    cell(row, r.meanReward.toFixed(3));
    cell(row, r.meanOriginal === null ? '–' : r.meanOriginal.toFixed(3));
  }
  document.getElementById('replays-note').hidden = detail.replays.length > 0;
}

function renderTrace(side, label, t) {
  document.getElementById(side + '-head').textContent = !t ? label + ': none yet' :
    label + ' (v' + t.policyVersion + ', ' + t.purpose.toLowerCase() + ') — ' + t.length + ' tokens — ' +
    (t.correct ? 'correct' : 'wrong') + ' — reward ' + fmt(t.reward);
  document.getElementById(side + '-text').textContent = t ? t.text : '';
}

// The problem list is small; only the selected problem's traces are read.
async function renderTraces(runPath, problems) {
  const both = problems.filter(p => p.hasReference && p.latestVersion != null);
  const shown = both.length ? both : problems;
  if (!shown.some(p => p.problemId === selectedProblem)) selectedProblem = shown.length ? shown[0].problemId : null;
  document.getElementById('problem').replaceChildren(...shown.map(p => {
    const option = new Option('level ' + p.difficulty + ': ' + p.question + ' (= ' + p.answer + ')', p.problemId);
    option.selected = p.problemId === selectedProblem;
    return option;
  }));
  const problem = selectedProblem === null ? null
    : await getJson(runPath + '/problems/' + encodeURIComponent(selectedProblem));
  renderTrace('reference', 'reference', problem && problem.reference);
  renderTrace('latest', 'latest', problem && problem.latest);
}

async function refresh() {
  if (refreshing) { pending = true; return; }
  refreshing = true;
  try {
    const runs = await getJson('api/runs');
    if (!runs.some(r => r.runId === selectedRun)) selectedRun = runs.length ? runs[0].runId : null;
    renderRuns(runs);
    document.getElementById('run').hidden = selectedRun === null;
    if (selectedRun !== null) {
      const runPath = 'api/runs/' + encodeURIComponent(selectedRun);
      const [detail, problems] = await Promise.all([getJson(runPath), getJson(runPath + '/problems')]);
      document.getElementById('run-id').textContent = selectedRun;
      document.getElementById('run-state').textContent = detail.run.method + ' · ' + detail.run.state +
        ' · version ' + detail.run.policyVersion + ' · ' + detail.tracesSeen + ' traces scored';
      renderEvals(detail);
      renderTraining(detail);
      await renderTraces(runPath, problems);
    }
  } finally {
    refreshing = false;
    if (pending) { pending = false; refresh(); }
  }
}

document.getElementById('problem').addEventListener('change', e => { selectedProblem = e.target.value; refresh(); });

function follow() {
  const live = document.getElementById('live');
  const changes = new EventSource('api/changes');
  changes.onopen = () => { live.textContent = 'live'; live.className = 'live'; };
  changes.onmessage = e => {
    const change = JSON.parse(e.data);
    document.getElementById('unreadable').textContent =
      change.unreadableRecords > 0 ? change.unreadableRecords + ' unreadable records' : '';
    refresh();
  };
  changes.onerror = () => { live.textContent = 'reconnecting…'; live.className = 'live off'; };
}

refresh();
follow();
