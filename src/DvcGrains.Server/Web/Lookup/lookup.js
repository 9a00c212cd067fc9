'use strict';
// Tra cứu hồ sơ: a citizen types the dossier code and the look-up code of the receipt and sees the dossier's progress.
// The look-up code goes in the body of a POST, never in the page's address, and is kept nowhere but the form.

const STATUS = {
  SUBMITTED: 'Mới đăng ký',
  RECEIVED: 'Được tiếp nhận',
  REFUSED: 'Không được tiếp nhận',
  PROCESSING: 'Đang xử lý',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung giấy tờ',
  PAYMENT_REQUESTED: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  WITHDRAWAL_REQUESTED: 'Công dân yêu cầu rút hồ sơ',
  STOPPED: 'Dừng xử lý',
  FINISHED: 'Đã xử lý xong',
  RETURNED: 'Đã trả kết quả',
};
const TIMELINESS = {
  WITHIN_DEADLINE: 'Còn trong hạn',
  OVERDUE: 'Quá hạn',
  EARLY: 'Trước hạn',
  ON_TIME: 'Đúng hạn',
  LATE: 'Trễ hạn',
};
// Statuses after which no result is awaited: the promised return date is no longer a step to come.
const ENDED = new Set(['REFUSED', 'STOPPED', 'FINISHED', 'RETURNED']);
// What the page says when the server could not be reached at all (the browser's own message is in English).
const UNREACHABLE = 'Không kết nối được với hệ thống. Vui lòng kiểm tra kết nối mạng và thử lại.';

const when = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
const day = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const $ = id => document.getElementById(id);

function formatTime(value) {
  return value ? when.format(new Date(value)) : '';
}

function showError(message) {
  $('error').hidden = !message;
  $('error').textContent = message ?? '';
}

/** Asks the server in Vietnamese: a refusal's message is then one a citizen reads. */
async function lookUp(dossierId, lookupCode) {
  let response;
  try {
    response = await fetch(`/v1/dossiers/${encodeURIComponent(dossierId)}:lookup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': 'vi' },
      body: JSON.stringify({ lookupCode }),
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new Error(UNREACHABLE);
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message || UNREACHABLE);
  }
  return body;
}

function step(className, what, at) {
  const item = document.createElement('li');
  item.className = className;
  const label = document.createElement('span');
  label.className = 'what';
  label.textContent = what;
  const time = document.createElement('time');
  time.dateTime = at ?? '';
  time.textContent = formatTime(at);
  item.append(label, time);
  return item;
}

function slip(apology, dossier) {
  const article = document.createElement('article');
  article.className = 'slip';
  const title = document.createElement('p');
  title.className = 'title';
  title.textContent = 'Phiếu xin lỗi và hẹn lại ngày trả kết quả';
  const issued = document.createElement('p');
  issued.className = 'issued';
  issued.textContent = apology.issuedAt ? `Ngày ${day.format(new Date(apology.issuedAt))}` : '';
  const text = document.createElement('p');
  text.className = 'apology';
  text.textContent = `${dossier.unit?.name || 'Cơ quan tiếp nhận'} xin lỗi ông/bà vì hồ sơ ${dossier.dossierId} chưa được trả kết quả đúng hẹn.`;
  const facts = document.createElement('dl');
  const reasonTerm = document.createElement('dt');
  reasonTerm.textContent = 'Lý do';
  const reason = document.createElement('dd');
  reason.className = 'reason';
  reason.textContent = apology.reason ?? '';
  const dateTerm = document.createElement('dt');
  dateTerm.textContent = 'Ngày hẹn trả kết quả mới';
  const date = document.createElement('dd');
  date.className = 'new-appointment';
  date.textContent = formatTime(apology.newAppointment);
  facts.append(reasonTerm, reason, dateTerm, date);
  article.append(title, issued, text, facts);
  return article;
}

function render(dossier) {
  $('procedure').textContent = dossier.procedureName || dossier.procedureCode || '';
  $('shown-id').textContent = dossier.dossierId;
  $('unit').textContent = dossier.unit?.name || dossier.unit?.code || '';
  $('submitted').textContent = formatTime(dossier.submittedAt);
  $('appointment').textContent = dossier.appointmentAt ? formatTime(dossier.appointmentAt) : 'Chưa có (hồ sơ chưa được tiếp nhận)';
  $('status').textContent = STATUS[dossier.status] ?? dossier.status;
  $('status').dataset.status = dossier.status;
  $('timeliness').textContent = TIMELINESS[dossier.timeliness] ?? '';
  $('timeliness').dataset.timeliness = dossier.timeliness ?? '';

  const steps = (dossier.steps ?? []).map((entry, i, all) =>
    step(i === all.length - 1 ? 'current' : 'done', STATUS[entry.status] ?? entry.status, entry.at));
  if (dossier.appointmentAt && !ENDED.has(dossier.status)) {
    steps.push(step('promised', 'Hẹn trả kết quả', dossier.appointmentAt));
  }
  $('steps').replaceChildren(...steps);

  const apologies = dossier.apologies ?? [];
  $('apologies').replaceChildren(...apologies.map(apology => slip(apology, dossier)));
  $('apologies').hidden = apologies.length === 0;
  $('dossier').hidden = false;
}

async function submit(event) {
  event.preventDefault();
  const dossierId = $('dossier-id').value.trim();
  const lookupCode = $('lookup-code').value.trim();
  if (!dossierId || !lookupCode) {
    showError('Vui lòng nhập cả mã hồ sơ và mã tra cứu in trên giấy tiếp nhận.');
    return;
  }
  $('submit').disabled = true;
  showError(null);
  try {
    render(await lookUp(dossierId, lookupCode));
    // The dossier code (not the look-up code) in the address: a reload keeps it, ready for the code to be typed again.
    history.replaceState(null, '', `#${encodeURIComponent(dossierId)}`);
  } catch (error) {
    $('dossier').hidden = true;
    showError(error.message);
  } finally {
    $('submit').disabled = false;
  }
}

try {
  $('dossier-id').value = decodeURIComponent(location.hash.slice(1));
} catch {
  // An address this page did not make: start with an empty form.
}
$('lookup').addEventListener('submit', submit);
