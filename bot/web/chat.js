/* Web chat of the administrative-procedures assistant. No build step, no dependencies.
 * Talks to POST /api/chat ({user, text} | {user, payload} -> {replies: [...]}) and polls
 * GET /api/chat/pending for reminders the server could not push. Who the visitor is comes
 * from the server's HttpOnly session cookie (sent by the browser, invisible to scripts);
 * "user" is only this page's label for the conversation ("Trò chuyện mới" picks a new one).
 */
"use strict";

/* ===================== VĂN BẢN GIAO DIỆN (cán bộ có thể sửa) =====================
 * Mọi chữ hiển thị của trang nằm ở đây. Chỉ sửa phần trong dấu ngoặc kép.
 * Câu trả lời của trợ lý do máy chủ gửi (handlers/texts/vi/*.yaml), không nằm ở đây.
 */
const UI = {
  title: "Trợ lý thủ tục hành chính",
  newChat: "Trò chuyện mới",
  logLabel: "Nội dung trò chuyện",
  inputLabel: "Nhập câu hỏi",
  inputPlaceholder: "Gõ câu hỏi của anh/chị…",
  send: "Gửi",
  welcome:
    "Xin chào anh/chị! Em là trợ lý hỗ trợ thủ tục hành chính. " +
    "Anh/chị gõ câu hỏi bên dưới, hoặc bấm nút để xem các mục hỗ trợ.",
  startButton: "Xem các mục hỗ trợ",
  openLink: "Mở trang chi tiết",
  typing: "Trợ lý đang trả lời…",
  networkError:
    "Xin lỗi anh/chị, em chưa gửi được tin nhắn do lỗi kết nối. Anh/chị thử lại sau ít giây nhé.",
  busy: "Dạ, hệ thống đang bận. Anh/chị vui lòng gửi lại sau ít giây nhé.",
  youSaid: "Anh/chị",
  botSaid: "Trợ lý",
};
/* ================================================================================ */

const SESSION_KEY = "tthc.session";
const HISTORY_KEY = "tthc.history";
const MAX_HISTORY = 80;
const POLL_MS = 20000;
const POLL_LIVE_MS = 3000; // while a member of staff is in the conversation
const URL_RE = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

const state = { busy: false, history: [], live: false, pollTimer: null };

function storageGet(key) {
  try { return window.localStorage.getItem(key); } catch (e) { return null; }
}
function storageSet(key, value) {
  try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: no memory */ }
}

function newSessionId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") {
    return "w-" + window.crypto.randomUUID();
  }
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return "w-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function sessionId() {
  let id = storageGet(SESSION_KEY);
  if (!id) {
    id = newSessionId();
    storageSet(SESSION_KEY, id);
  }
  return id;
}

function loadHistory() {
  try {
    const items = JSON.parse(storageGet(HISTORY_KEY) || "[]");
    return Array.isArray(items) ? items.filter((m) => m && typeof m.text === "string") : [];
  } catch (e) {
    return [];
  }
}

function saveHistory() {
  state.history = state.history.slice(-MAX_HISTORY);
  storageSet(HISTORY_KEY, JSON.stringify(state.history));
}

function safeUrl(value) {
  if (!/^https?:\/\//i.test(String(value))) return null; /* never javascript: or data: */
  try {
    const url = new URL(String(value), window.location.href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (e) {
    return null;
  }
}

/* Text with clickable web addresses, built from text nodes: no HTML is ever parsed. */
function appendText(parent, text) {
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    const href = safeUrl(match[0]);
    if (href) {
      const a = document.createElement("a");
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = match[0];
      parent.appendChild(a);
    } else {
      parent.appendChild(document.createTextNode(match[0]));
    }
    last = match.index + match[0].length;
  }
  parent.appendChild(document.createTextNode(text.slice(last)));
}

function renderMessage(msg) {
  const log = document.getElementById("log");
  const item = document.createElement("div");
  item.className = "msg " + (msg.from === "user" ? "from-user" : "from-bot") +
    (msg.error ? " error" : "");
  const who = document.createElement("span");
  who.className = "visually-hidden";
  who.textContent = (msg.from === "user" ? UI.youSaid : UI.botSaid) + ": ";
  const bubble = document.createElement("div");
  bubble.className = "bubble";
  bubble.appendChild(who);
  appendText(bubble, msg.text);
  item.appendChild(bubble);
  const href = msg.link ? safeUrl(msg.link) : null;
  if (href) {
    const a = document.createElement("a");
    a.className = "detail-link";
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = UI.openLink;
    item.appendChild(a);
  }
  const rows = Array.isArray(msg.buttons) ? msg.buttons : [];
  if (rows.length) {
    const group = document.createElement("div");
    group.className = "options";
    group.setAttribute("role", "group");
    for (const row of rows) {
      const line = document.createElement("div");
      line.className = "option-row";
      for (const b of Array.isArray(row) ? row : []) {
        if (!b || typeof b.label !== "string" || typeof b.payload !== "string") continue;
        const btn = document.createElement("button");
        btn.type = "button";
        btn.className = "option";
        btn.textContent = b.label;
        btn.addEventListener("click", () => press(b));
        line.appendChild(btn);
      }
      group.appendChild(line);
    }
    item.appendChild(group);
  }
  log.appendChild(item);
  log.scrollTop = log.scrollHeight; /* at once: a smooth scroll would lag behind new messages */
  return item;
}

function addMessage(msg, remember) {
  renderMessage(msg);
  if (remember) {
    state.history.push(msg);
    saveHistory();
  }
}

function showReplies(replies) {
  let last = null;
  for (const r of Array.isArray(replies) ? replies : []) {
    if (!r || typeof r.text !== "string") continue;
    last = { from: "bot", text: r.text, buttons: r.buttons || [], link: r.link || null };
    addMessage(last, true);
  }
  if (last) setLive(talksToStaff(last));
}

/* A conversation with staff offers its "end" button (payload ho:end:...) under each
 * message: while it does, staff replies are fetched every few seconds. */
function talksToStaff(msg) {
  return (msg.buttons || []).some((row) =>
    (row || []).some((b) => b && typeof b.payload === "string" && b.payload.startsWith("ho:end:"))
  );
}

function setLive(live) {
  if (live === state.live && state.pollTimer !== null) return;
  state.live = live;
  if (state.pollTimer !== null) window.clearInterval(state.pollTimer);
  state.pollTimer = window.setInterval(pollPending, live ? POLL_LIVE_MS : POLL_MS);
}

function setBusy(busy) {
  state.busy = busy;
  document.getElementById("send").disabled = busy;
  document.getElementById("status").textContent = busy ? UI.typing : "";
  document.getElementById("log").setAttribute("aria-busy", busy ? "true" : "false");
}

async function post(body) {
  if (state.busy) return;
  setBusy(true);
  try {
    const resp = await fetch("/api/chat", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(Object.assign({ user: sessionId() }, body)),
    });
    if (resp.status === 503 || resp.status === 429) {
      addMessage({ from: "bot", text: UI.busy, error: true }, false);
      return;
    }
    if (!resp.ok) throw new Error("HTTP " + resp.status);
    const data = await resp.json();
    showReplies(data.replies);
  } catch (e) {
    addMessage({ from: "bot", text: UI.networkError, error: true }, false);
  } finally {
    setBusy(false);
  }
}

function press(button) {
  if (state.busy) return;
  addMessage({ from: "user", text: button.label }, true);
  post({ payload: button.payload });
}

function submit(event) {
  event.preventDefault();
  const input = document.getElementById("input");
  const text = input.value.trim();
  if (!text || state.busy) return;
  input.value = "";
  addMessage({ from: "user", text: text }, true);
  post({ text: text }).then(() => input.focus());
}

async function pollPending() {
  if (document.visibilityState === "hidden" || state.busy) return;
  try {
    const resp = await fetch("/api/chat/pending?user=" + encodeURIComponent(sessionId()), {
      credentials: "same-origin",
    });
    if (resp.ok) showReplies((await resp.json()).replies);
  } catch (e) { /* offline: try again on the next tick */ }
}

function showWelcome() {
  renderMessage({
    from: "bot",
    text: UI.welcome,
    buttons: [[{ label: UI.startButton, payload: "mn:menu" }]],
  });
}

function resetChat() {
  storageSet(SESSION_KEY, newSessionId());
  state.history = [];
  saveHistory();
  document.getElementById("log").replaceChildren();
  showWelcome();
  document.getElementById("input").focus();
}

function applyUiStrings() {
  document.title = UI.title;
  for (const el of document.querySelectorAll("[data-ui]")) el.textContent = UI[el.dataset.ui];
  for (const el of document.querySelectorAll("[data-ui-placeholder]")) {
    el.placeholder = UI[el.dataset.uiPlaceholder];
  }
  for (const el of document.querySelectorAll("[data-ui-label]")) {
    el.setAttribute("aria-label", UI[el.dataset.uiLabel]);
  }
}

function start() {
  applyUiStrings();
  state.history = loadHistory();
  if (state.history.length) {
    for (const msg of state.history) renderMessage(msg);
  } else {
    showWelcome();
  }
  document.getElementById("composer").addEventListener("submit", submit);
  document.getElementById("reset").addEventListener("click", resetChat);
  const lastBot = state.history.filter((m) => m.from === "bot").pop();
  setLive(Boolean(lastBot && talksToStaff(lastBot)));
  pollPending();
  document.addEventListener("visibilitychange", pollPending);
}

document.addEventListener("DOMContentLoaded", start);
