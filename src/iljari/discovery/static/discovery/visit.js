// 방문 기록 on a bad connection: what is typed is kept in the phone's storage as it is typed, and a
// visit that could not be sent waits in a queue and is sent again when the connection returns.
// Each visit carries its own key, so a resend never records the visit twice.
(function () {
  "use strict";
  const form = document.querySelector("form[data-offline-key]");
  if (!form) return;
  const draftKey = "iljari:" + form.dataset.offlineKey;
  const queueKey = "iljari:visit-queue";
  const status = document.getElementById("queue-status");
  const keyField = form.querySelector("[name=client_key]");

  const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
  const readQueue = () => JSON.parse(localStorage.getItem(queueKey) || "[]");
  const writeQueue = (items) => localStorage.setItem(queueKey, JSON.stringify(items));

  function show(text) {
    status.hidden = !text;
    status.textContent = text || "";
  }

  function fields() {
    const data = {};
    new FormData(form).forEach((value, name) => {
      if (name in data) data[name] = [].concat(data[name], value);
      else data[name] = value;
    });
    return data;
  }

  function restore() {
    const saved = JSON.parse(localStorage.getItem(draftKey) || "null");
    if (!saved || form.querySelector(".field-errors .error")) return;
    for (const [name, value] of Object.entries(saved)) {
      if (name === "csrfmiddlewaretoken") continue;
      const input = form.elements[name];
      if (!input) continue;
      if (input.type === "checkbox") input.checked = value === "on";
      else if (!input.value || name === "note") input.value = value;
    }
  }

  async function send(data) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(data)) [].concat(value).forEach((v) => body.append(name, v));
    return fetch(form.action || location.href, { method: "POST", body, credentials: "same-origin" });
  }

  let flushing = false;

  async function flush() {
    const queue = readQueue();
    if (!queue.length || flushing) return;
    flushing = true;
    const left = [];
    for (const item of queue) {
      try {
        const response = await send(item.data);
        if (!response.ok) left.push(item);
      } catch (error) {
        left.push(item);
      }
    }
    writeQueue(left);
    flushing = false;
    show(left.length ? `전송 대기 중인 방문 기록 ${left.length}건이 있습니다. 연결되면 다시 보냅니다.` : "대기 중이던 방문 기록을 모두 보냈습니다.");
  }

  if (keyField && !keyField.value) keyField.value = newKey();
  restore();
  form.addEventListener("input", () => localStorage.setItem(draftKey, JSON.stringify(fields())));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = fields();
    localStorage.setItem(draftKey, JSON.stringify(data));
    let response;
    try {
      response = await send(data);
    } catch (error) {
      writeQueue([...readQueue(), { data, at: Date.now() }]);
      localStorage.removeItem(draftKey);
      show("연결이 끊겨 보내지 못했습니다. 방문 기록은 이 휴대전화에 저장해 두었으며, 연결되면 자동으로 다시 보냅니다.");
      return;
    }
    if (response.redirected) {
      localStorage.removeItem(draftKey);
      location.assign(response.url);
      return;
    }
    // The form came back with errors: show it as the server rendered it, typed text included.
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.querySelector("form[data-offline-key]");
    if (fresh) {
      form.innerHTML = fresh.innerHTML;
      if (window.htmx) window.htmx.process(form);
    }
  });
  // A note already on the page when htmx starts (typed while the page was still loading, or
  // restored from the phone's storage) gets its draft too, not only the next keystroke.
  window.addEventListener("load", () => {
    const note = form.elements.note;
    const draft = document.getElementById("draft");
    if (!window.htmx || !note || !note.value.trim() || !draft || draft.textContent.trim()) return;
    // Not a synthetic keystroke: htmx's "changed" filter took this value as the starting one.
    window.htmx.ajax("POST", note.getAttribute("hx-post"), { source: note, target: draft, swap: "innerHTML" });
  });
  window.addEventListener("online", flush);
  flush();
})();
