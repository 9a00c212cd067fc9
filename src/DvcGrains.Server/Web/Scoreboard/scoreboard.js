'use strict';
// The public 766 scoreboard. One view at a time: the nation (its provinces ranked), a province (its units ranked and
// its six group scores) or a commune (its scores, nothing below it to rank). The view's unit is watched (kpis:watch, a
// stream of JSON lines); each message it sends means the numbers moved, and the ranking is read again: one ranking call
// per change, never a call per unit. A refusal is told in Vietnamese by its reason, never by the server's English
// message, and what asking again cannot mend (a link to no unit) is not asked again. The address names the view and
// the period (#01?ky=2025-Q3 reads ?ky=2025-Q3#01), so that a link shows the same figures to whoever opens it.

const NATION = 'VN';
const GRADES = { excellent: 'Xuất sắc', good: 'Tốt', fairly_good: 'Khá', average: 'Trung bình', weak: 'Yếu' };
const GROUPS = {
  transparency: 'Công khai, minh bạch',
  progress: 'Tiến độ giải quyết',
  online_services: 'Dịch vụ công trực tuyến',
  online_payment: 'Thanh toán trực tuyến',
  digitization: 'Số hóa hồ sơ',
  satisfaction: 'Mức độ hài lòng',
};
const QUARTERS = ['I', 'II', 'III', 'IV'];
// The levels of the receiving units, as the provinces report their campaigns (cấp tỉnh, cấp huyện, cấp xã).
const LEVELS = {
  PROVINCE: 'Cấp tỉnh',
  DISTRICT: 'Cấp huyện',
  COMMUNE: 'Cấp xã',
  UNIT_LEVEL_UNSPECIFIED: 'Ngoài danh mục đơn vị',
};
// A ranking is shared by its readers for about a second: one read just after a change may predate it.
const RANKING_RETRY_MS = 400;
const RANKING_RETRIES = 6;
const RECONNECT_MS = [1000, 2000, 5000, 10000];
const STREAM_ERROR = 0;
const LOADING = 'Đang tải…';

const score = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('vi-VN');
const clock = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

const $ = id => document.getElementById(id);
const delay = ms => new Promise(resolve => setTimeout(resolve, ms));

/** What is shown: a generation number makes answers to an earlier view or period drop silently. */
const view = { unit: NATION, generation: 0, watch: null, shownAsOf: 0, unitAsOf: null, childLevels: new Map() };

/** A call the server refused: its HTTP status (STREAM_ERROR for an error line that ended a stream) and its reason (dvc-error). */
class Refusal extends Error {
  constructor(status, reason) {
    super(`HTTP ${status} ${reason ?? ''}`);
    this.status = status;
    this.reason = reason;
  }

  /** Asking again cannot help: the address or the request is wrong. Overload (429) and outages (5xx) pass. */
  get final() {
    return this.status >= 400 && this.status < 500 && this.status !== 429 && this.status !== 408;
  }
}

/** What the reader is told of an error, in Vietnamese. */
function explain(error) {
  if (!(error instanceof Refusal)) {
    return 'Mất kết nối tới máy chủ.';
  }
  switch (error.reason) {
    case 'UNKNOWN_UNIT':
      return `Không có đơn vị hành chính nào mã “${view.unit}”. Hãy chọn một tỉnh, thành phố trong bảng xếp hạng toàn quốc.`;
    case 'OVERLOADED':
      return 'Máy chủ đang quá tải.';
    default:
      return error.final
        ? `Không mở được số liệu theo địa chỉ này (${error.reason ?? `HTTP ${error.status}`}). Hãy quay lại bảng xếp hạng toàn quốc.`
        : 'Máy chủ tạm thời không trả lời.';
  }
}

/** The reason of an error line that ended a stream (a google.rpc.Status), from its ErrorInfo. */
function streamRefusal(status) {
  const info = (status.details ?? []).find(detail => String(detail['@type']).endsWith('google.rpc.ErrorInfo'));
  return new Refusal(STREAM_ERROR, info?.reason);
}

/** The first month of the picked period (1 for a year): its period.date is the first day of that month. */
function periodMonth() {
  return $('period-kind').value === 'YEAR' ? 1 : Number($('period-part').value);
}

function periodQuery() {
  const month = String(periodMonth()).padStart(2, '0');
  return `period.kind=${$('period-kind').value}&period.date=${$('period-year').value}-${month}-01`;
}

/** The picked period as the address writes it: 2025-07 (a month), 2025-Q3 (a quarter), 2025 (a year). */
function periodKey() {
  const year = $('period-year').value;
  switch ($('period-kind').value) {
    case 'QUARTER': return `${year}-Q${Math.floor((periodMonth() - 1) / 3) + 1}`;
    case 'YEAR': return year;
    default: return `${year}-${String(periodMonth()).padStart(2, '0')}`;
  }
}

/** Sets the picker to the period the address names (ky=…); false when it names none the picker offers. */
function pickPeriod(key) {
  const match = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(key ?? '');
  if (!match || ![...$('period-year').options].some(option => option.value === match[1])) {
    return false;
  }
  const [, year, quarter, month] = match;
  $('period-kind').value = quarter ? 'QUARTER' : month ? 'MONTH' : 'YEAR';
  fillParts(quarter ? (Number(quarter) - 1) * 3 + 1 : Number(month ?? 1));
  $('period-year').value = year;
  return true;
}

/** Whether the picked period is still open (it holds today): only then do its figures move, and the page says so. */
function periodIsOpen() {
  const today = todayInVietnam();
  const first = periodMonth();
  const months = { MONTH: 1, QUARTER: 3, YEAR: 12 }[$('period-kind').value];
  return Number($('period-year').value) === today.year && first <= today.month && today.month < first + months;
}

function periodLabel() {
  const year = $('period-year').value;
  switch ($('period-kind').value) {
    case 'QUARTER': return `Quý ${QUARTERS[Math.floor((periodMonth() - 1) / 3)]}/${year}`;
    case 'YEAR': return `Năm ${year}`;
    default: return `Tháng ${periodMonth()}/${year}`;
  }
}

/** Today's year and month in Vietnam, whose months the index counts. */
function todayInVietnam() {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' })
    .format(new Date()).split('-').map(Number);
  return { year, month };
}

/** The months or quarters of the picked kind, the one holding <month> chosen; none for a year. */
function fillParts(month) {
  const kind = $('period-kind').value;
  const parts = kind === 'QUARTER' ? QUARTERS.map((quarter, i) => [i * 3 + 1, `Quý ${quarter}`])
    : kind === 'MONTH' ? Array.from({ length: 12 }, (_, i) => [i + 1, `Tháng ${i + 1}`])
    : [];
  $('period-part').replaceChildren(...parts.map(([first, text]) => new Option(text, String(first))));
  $('period-part').hidden = parts.length === 0;
  const holding = parts.filter(([first]) => first <= month).pop();
  if (holding) {
    $('period-part').value = String(holding[0]);
  }
}

async function readJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Refusal(response.status, response.headers.get('dvc-error'));
  }
  return response.json();
}

/**
 * The level of a unit's children (PROVINCE under the nation; COMMUNE, or DISTRICT in the 2023 hierarchy, under a
 * province); null for a unit with none, a commune, which has no ranking. A code of no unit is refused UNKNOWN_UNIT.
 */
async function childLevel(unit) {
  if (unit === NATION) {
    return 'PROVINCE';
  }
  if (!view.childLevels.has(unit)) {
    const { units = [] } = await readJson(`/v1/units?parentCode=${encodeURIComponent(unit)}`);
    view.childLevels.set(unit, units.length > 0 ? units[0].level : null);
  }
  return view.childLevels.get(unit);
}

/** The national table also shows the six group scores when asked (include_scores: the same one call). */
function rankingUrl(unit, level) {
  const parent = unit === NATION ? '' : `&parentCode=${encodeURIComponent(unit)}`;
  const scores = unit === NATION && $('show-groups').checked ? '&includeScores=true' : '';
  return `/v1/rankings?level=${level}${parent}${scores}&${periodQuery()}`;
}

/** A province's place among the 34, "Hạng 12/34", from the national ranking; nothing for a unit that is not ranked there. */
async function refreshPlace(generation) {
  const ranking = await readJson(`/v1/rankings?level=PROVINCE&${periodQuery()}`);
  const entries = ranking.entries ?? [];
  const entry = entries.find(candidate => candidate.unit.code === view.unit);
  if (generation === view.generation) {
    $('unit-rank').textContent = entry ? `Hạng ${entry.rank}/${entries.length}` : '';
  }
}

/** Reads the ranking until it is at least as recent as the change that asked for it (asOf, ms), a few times at most. */
async function refreshRanking(generation, changedAt) {
  // The unit of this generation: by the time a read or a pause ends, the reader may have opened another.
  const unit = view.unit;
  const level = await childLevel(unit);
  if (generation !== view.generation) {
    return;
  }
  $('ranking').hidden = level === null;
  if (level === null) {
    showAsOf(view.unitAsOf);
    return;
  }
  if (unit !== NATION) {
    await refreshPlace(generation);
  }
  for (let attempt = 0; generation === view.generation; attempt++) {
    const ranking = await readJson(rankingUrl(unit, level));
    if (generation !== view.generation) {
      return;
    }
    // Reads started by successive changes may answer out of order: an older ranking never replaces a newer one.
    if (Date.parse(ranking.asOf) >= view.shownAsOf) {
      view.shownAsOf = Date.parse(ranking.asOf);
      renderRanking(ranking);
    }
    if (!(Date.parse(ranking.asOf) < changedAt) || attempt >= RANKING_RETRIES) {
      return;
    }
    await delay(RANKING_RETRY_MS);
  }
}

function cell(row, className, text) {
  const td = row.insertCell();
  td.className = className;
  td.dataset.label = document.querySelector(`#ranking th[data-for="${className}"]`)?.textContent ?? '';
  td.textContent = text;
  return td;
}

function showAsOf(asOf) {
  $('as-of').textContent = asOf ? `Số liệu lúc ${clock.format(new Date(asOf))}` : '';
}

/** The address of a unit's view for the picked period. */
function viewHref(unit) {
  return `?ky=${periodKey()}${unit === NATION ? '' : `#${encodeURIComponent(unit)}`}`;
}

function renderRanking(ranking) {
  const body = document.querySelector('#ranking tbody');
  const groups = document.querySelectorAll('#ranking th.group').length > 0;
  const rows = (ranking.entries ?? []).map(entry => {
    const row = document.createElement('tr');
    row.dataset.unit = entry.unit.code;
    cell(row, 'rank', String(entry.rank));
    const open = document.createElement('a');
    open.href = viewHref(entry.unit.code);
    open.textContent = entry.unit.name;
    cell(row, 'name', '').append(open);
    cell(row, 'score', score.format(entry.totalScore ?? 0));
    if (groups) {
      const points = new Map((entry.scores ?? []).map(group => [group.group, group.points ?? 0]));
      Object.keys(GROUPS).forEach(group => cell(row, `group-${group}`, score.format(points.get(group) ?? 0)).classList.add('group'));
    }
    cell(row, 'grade', GRADES[entry.grade] ?? entry.grade ?? '');
    cell(row, 'online', percent.format(entry.onlineRate ?? 0));
    cell(row, 'ontime', percent.format(entry.onTimeRate ?? 0));
    cell(row, 'received', count.format(Number(entry.received ?? 0)));
    return row;
  });
  body.replaceChildren(...rows);
  showAsOf(ranking.asOf);
  showError(null);
}

function renderUnit(kpis) {
  if (view.unit === NATION) {
    return;
  }
  $('title').textContent = kpis.unit.name;
  // A unit with nothing below it to rank (a commune) has no ranking to say how recent its figures are.
  view.unitAsOf = kpis.asOf;
  if ($('ranking').hidden) {
    showAsOf(kpis.asOf);
  }
  $('unit-score').textContent = score.format(kpis.totalScore ?? 0);
  $('unit-grade').textContent = GRADES[kpis.grade] ?? kpis.grade ?? '';
  $('groups').replaceChildren(...(kpis.scores ?? []).map(group => {
    const item = document.createElement('li');
    item.dataset.group = group.group;
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = GROUPS[group.group] ?? group.group;
    const points = document.createElement('span');
    points.className = 'points';
    points.textContent = `${score.format(group.points ?? 0)} / ${score.format(group.maxPoints ?? 0)}`;
    const bar = document.createElement('meter');
    bar.max = group.maxPoints ?? 0;
    bar.value = group.points ?? 0;
    item.append(label, points, bar);
    return item;
  }));
  renderLevels(kpis.byLevel ?? []);
}

/** The unit's figures by the level of the unit that received each dossier (UnitKpis.by_level), as campaigns report them. */
function renderLevels(levels) {
  $('levels').hidden = levels.length === 0;
  document.querySelector('#levels tbody').replaceChildren(...levels.map(figures => {
    const row = document.createElement('tr');
    row.dataset.level = figures.level ?? 'UNIT_LEVEL_UNSPECIFIED';
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = LEVELS[row.dataset.level] ?? row.dataset.level;
    row.append(th);
    for (const [className, text] of [
      ['received', count.format(Number(figures.counters?.received ?? 0))],
      ['online', percent.format(figures.onlineRate ?? 0)],
      ['ontime', percent.format(figures.onTimeRate ?? 0)],
      ['digitization', percent.format(figures.digitizationRate ?? 0)],
      ['payment', percent.format(figures.onlinePaymentRate ?? 0)],
    ]) {
      const td = row.insertCell();
      td.className = className;
      td.dataset.label = document.querySelector(`#levels th[data-for="${className}"]`)?.textContent ?? '';
      td.textContent = text;
    }
    return row;
  }));
}

/** The national table's head: the six group scores after the total when they are asked for. */
function renderHead() {
  const groups = view.unit === NATION && $('show-groups').checked;
  document.querySelectorAll('#ranking th.group').forEach(th => th.remove());
  if (groups) {
    const after = document.querySelector('#ranking th[data-for="score"]');
    after.after(...Object.entries(GROUPS).map(([group, text]) => {
      const th = document.createElement('th');
      th.className = 'num group';
      th.dataset.for = `group-${group}`;
      th.textContent = text;
      return th;
    }));
  }
  document.querySelector('#ranking').classList.toggle('with-groups', groups);
}

function showError(message) {
  $('error').hidden = !message;
  $('error').textContent = message ?? '';
}

function setLive(state, text) {
  const live = $('live');
  live.dataset.state = state;
  live.textContent = text;
  // A closed period's figures no longer move: no marker says they are being updated.
  live.hidden = !view.open;
}

/** Stops following a view that cannot be shown (a link to no unit): it says why, and asks no more. */
function stop(error) {
  view.watch?.abort();
  showError(explain(error));
  setLive('stopped', 'Đã dừng');
  $('unit').hidden = true;
  $('ranking').hidden = true;
  if ($('title').textContent === LOADING) {
    $('title').textContent = 'Không tìm thấy đơn vị';
  }
}

/** Shows an error of the view of <generation>, if it is still shown, and stops following it when asking again cannot help. */
function failed(error, generation) {
  if (generation !== view.generation) {
    return;
  }
  if (error instanceof Refusal && error.final) {
    stop(error);
  } else {
    showError(explain(error));
  }
}

/** Follows the unit's KPIs: each message is one line of JSON. Reconnects while the view stays, backing off. */
async function watch(unit, generation, signal) {
  for (let failures = 0; !signal.aborted;) {
    try {
      const response = await fetch(`/v1/units/${encodeURIComponent(unit)}/kpis:watch?${periodQuery()}`, { signal });
      if (!response.ok) {
        throw new Refusal(response.status, response.headers.get('dvc-error'));
      }
      let buffer = '';
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += chunk.value;
        const lines = buffer.split('\n');
        buffer = lines.pop();
        for (const line of lines.filter(text => text.trim().length > 0)) {
          const message = JSON.parse(line);
          if (!message.unit) {
            throw streamRefusal(message);
          }
          failures = 0;
          setLive('live', 'Đang cập nhật');
          renderUnit(message);
          showError(null);
          refreshRanking(generation, Date.parse(message.asOf)).catch(error => failed(error, generation));
        }
      }
    } catch (error) {
      if (signal.aborted) {
        return;
      }
      failed(error, generation);
      if (signal.aborted) {
        return;
      }
    }
    setLive('retrying', 'Mất kết nối, đang kết nối lại…');
    await delay(RECONNECT_MS[Math.min(failures++, RECONNECT_MS.length - 1)]);
  }
}

/** The unit the address names (#CODE), as typed when it is no valid escape (then no unit has that code either). */
function linkedUnit() {
  const code = location.hash.slice(1);
  try {
    return decodeURIComponent(code) || NATION;
  } catch {
    return code;
  }
}

/** Shows the view named by the address (#CODE: a province or a commune; nothing: the nation) for the picked period. */
function show() {
  view.watch?.abort();
  view.watch = new AbortController();
  view.generation++;
  view.shownAsOf = 0;
  view.unitAsOf = null;
  view.unit = linkedUnit();
  view.open = periodIsOpen();
  history.replaceState(null, '', viewHref(view.unit));
  const national = view.unit === NATION;
  $('back').hidden = national;
  $('unit').hidden = national;
  $('ranking').hidden = false;
  $('groups-toggle').hidden = !national;
  $('levels').hidden = true;
  $('unit-rank').textContent = '';
  renderHead();
  $('title').textContent = national ? 'Xếp hạng tỉnh, thành phố' : LOADING;
  $('name-header').textContent = national ? 'Tỉnh, thành phố' : 'Đơn vị';
  $('period-label').textContent = periodLabel();
  $('as-of').textContent = '';
  document.querySelector('#ranking tbody').replaceChildren();
  showError(null);
  setLive('connecting', 'Đang kết nối…');
  const generation = view.generation;
  refreshRanking(generation, 0).catch(error => failed(error, generation));
  watch(view.unit, view.generation, view.watch.signal);
}

const today = todayInVietnam();
$('period-year').replaceChildren(...Array.from({ length: 5 }, (_, i) => new Option(String(today.year - i))));
if (!pickPeriod(new URLSearchParams(location.search).get('ky'))) {
  fillParts(today.month);
}
$('period-kind').addEventListener('change', () => fillParts($('period-part').value ? Number($('period-part').value) : today.month));
$('period').addEventListener('change', show);
$('period').addEventListener('submit', event => event.preventDefault());
$('back').addEventListener('click', () => { location.hash = ''; });
$('show-groups').addEventListener('change', show);
window.addEventListener('hashchange', show);
show();
