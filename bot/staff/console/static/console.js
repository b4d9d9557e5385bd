// Staff console: a little vanilla JavaScript, no library, no CDN.
// - the thread of a handoff asks for new messages every few seconds (text only: textContent);
// - a CSV upload shows its progress;
// - the print view's button prints.
(function () {
  "use strict";
  var csrfMeta = document.querySelector('meta[name="csrf"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";

  function addMessage(list, m) {
    var li = document.createElement("li");
    li.className = "msg from-" + m.sender;
    li.setAttribute("data-id", String(m.id));
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = m.who + " · " + m.at;
    var text = document.createElement("span");
    text.className = "text";
    text.textContent = m.text;
    li.appendChild(who);
    li.appendChild(text);
    list.appendChild(li);
  }

  function poll(list) {
    var url = list.getAttribute("data-poll");
    function tick() {
      var after = list.getAttribute("data-after") || "0";
      fetch(url + "?after=" + encodeURIComponent(after), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (resp) {
          if (resp.status === 401) {
            window.location.href = "/staff/login?expired=1";
            return null;
          }
          return resp.ok ? resp.json() : null;
        })
        .then(function (data) {
          if (!data) return;
          data.messages.forEach(function (m) {
            if (!list.querySelector('[data-id="' + m.id + '"]')) addMessage(list, m);
            list.setAttribute("data-after", String(m.id));
          });
        })
        .catch(function () {})
        .then(function () {
          window.setTimeout(tick, 3000);
        });
    }
    window.setTimeout(tick, 3000);
  }

  // the inbox list: rebuilt from the JSON every few seconds (every cell as text)
  function pollList(box) {
    var url = box.getAttribute("data-poll");
    var empty = document.getElementById("inbox-empty");
    var keys = (box.getAttribute("data-keys") || "status channel citizen topic created").split(" ");
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (resp) {
          if (resp.status === 401) {
            window.location.href = "/staff/login?expired=1";
            return null;
          }
          return resp.ok ? resp.json() : null;
        })
        .then(function (data) {
          if (!data) return;
          var body = box.querySelector("tbody");
          var rows = data.handoffs.map(function (h) {
            var tr = document.createElement("tr");
            var td = document.createElement("td");
            var a = document.createElement("a");
            a.href = "/staff/inbox/" + encodeURIComponent(String(h.id));
            a.textContent = h.code;
            td.appendChild(a);
            tr.appendChild(td);
            keys.forEach(function (k) {
              var cell = document.createElement("td");
              cell.textContent = h[k];
              tr.appendChild(cell);
            });
            return tr;
          });
          if (body.children.length !== rows.length || body.textContent !==
              rows.map(function (r) { return r.textContent; }).join("")) {
            body.replaceChildren.apply(body, rows);
          }
          if (empty) empty.hidden = rows.length > 0;
        })
        .catch(function () {})
        .then(function () {
          window.setTimeout(tick, 5000);
        });
    }
    window.setTimeout(tick, 5000);
  }

  function upload(form) {
    var bar = document.getElementById(form.getAttribute("data-progress"));
    form.addEventListener("submit", function (ev) {
      if (!window.XMLHttpRequest || !window.FormData) return;
      ev.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      if (bar) {
        bar.hidden = false;
        xhr.upload.onprogress = function (e) {
          if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
        };
      }
      xhr.onload = function () {
        var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
        document.title = doc.title;
        document.body.replaceWith(document.adoptNode(doc.body));
        var main = document.getElementById("main");
        if (main) main.focus();
      };
      xhr.send(new FormData(form));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var list = document.querySelector("#thread[data-poll]");
    if (list) poll(list);
    var box = document.querySelector("#inbox-list[data-poll]");
    if (box) pollList(box);
    document.querySelectorAll("form[data-progress]").forEach(upload);
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () {
        window.print();
      });
    });
  });
})();
