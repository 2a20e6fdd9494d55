// Small helpers the Blazor components call through IJSRuntime, and the search box's type-ahead.
window.kh = {
  markInteractive: function () { document.body.dataset.interactive = "true"; },
  setCookie: function (name, value, days) {
    var expires = new Date(Date.now() + days * 864e5).toUTCString();
    document.cookie = name + "=" + encodeURIComponent(value) + "; expires=" + expires + "; path=/; SameSite=Lax";
  }
};

// Type-ahead for the app bar's search box (an ARIA combobox). Event delegation on the document keeps it
// working on static pages, interactive pages and after enhanced navigation, without a circuit.
(function () {
  var timer = null, lastQuery = "", active = -1, items = [];
  var labels = document.documentElement.lang === "zh-CN"
    ? { Courses: "课程", Categories: "分类", Instructors: "讲师" }
    : { Courses: "Courses", Categories: "Categories", Instructors: "Instructors" };

  function inputOf(el) { return el && el.matches && el.matches("form.kh-search input") ? el : null; }
  function listFor(input) {
    var form = input.closest("form.kh-search");
    var list = form.querySelector(".kh-suggest");
    if (!list) {
      list = document.createElement("div");
      list.className = "kh-suggest";
      list.id = "kh-suggest-list";
      list.setAttribute("role", "listbox");
      list.hidden = true;
      form.appendChild(list);
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-controls", list.id);
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("autocomplete", "off");
    }
    return list;
  }
  function close(input) {
    var list = listFor(input);
    list.hidden = true; list.innerHTML = ""; items = []; active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function render(input, data) {
    var list = listFor(input);
    list.innerHTML = ""; items = []; active = -1;
    ["courses", "categories", "instructors"].forEach(function (group) {
      var entries = data[group] || [];
      if (!entries.length) return;
      var heading = document.createElement("div");
      heading.className = "kh-suggest-group";
      heading.setAttribute("role", "presentation");
      heading.textContent = labels[group.charAt(0).toUpperCase() + group.slice(1)];
      list.appendChild(heading);
      entries.forEach(function (entry) {
        var option = document.createElement("a");
        option.className = "kh-suggest-option";
        option.id = "kh-suggest-" + items.length;
        option.setAttribute("role", "option");
        option.href = entry.url;
        option.textContent = entry.label;
        option.addEventListener("mousedown", function (e) { e.preventDefault(); location.href = entry.url; });
        list.appendChild(option);
        items.push(option);
      });
    });
    var open = items.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function move(input, delta) {
    if (!items.length) return;
    if (active >= 0) items[active].removeAttribute("aria-selected");
    active = (active + delta + items.length) % items.length;
    items[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("input", function (e) {
    var input = inputOf(e.target);
    if (!input) return;
    clearTimeout(timer);
    var q = input.value.trim();
    if (!q) { close(input); return; }
    timer = setTimeout(function () {
      lastQuery = q;
      fetch("/api/search/suggest?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && input.value.trim() === lastQuery) render(input, data); })
        .catch(function () { close(input); });
    }, 150);
  });
  document.addEventListener("keydown", function (e) {
    var input = inputOf(e.target);
    if (!input) return;
    if (e.key === "ArrowDown") { e.preventDefault(); move(input, 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(input, -1); }
    else if (e.key === "Escape") { close(input); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); location.href = items[active].href; }
  });
  document.addEventListener("focusout", function (e) {
    var input = inputOf(e.target);
    if (input) setTimeout(function () { close(input); }, 150);
  });
})();

// Page-view beacon: after every page load (full or enhanced navigation) send the events the page declared in
// data-kh-event elements to POST /api/events. The response (re)sets the visitor and session cookies, so pages
// themselves never set one and can be served from the output cache.
(function () {
  function send() {
    var events = [];
    document.querySelectorAll("[data-kh-event]:not([data-kh-sent])").forEach(function (el) {
      el.setAttribute("data-kh-sent", "");
      try { events.push(JSON.parse(el.getAttribute("data-kh-event"))); } catch (e) { /* not ours */ }
    });
    fetch("/api/events", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path: (location.pathname + location.search).slice(0, 400), referrer: document.referrer || null, events: events.slice(0, 4) }),
      credentials: "same-origin",
      keepalive: true
    }).catch(function () { /* analytics must never disturb the page */ });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", send); else send();
  if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", send);
})();

// Uploads for the course editor: the file goes from the browser straight to POST /api/uploads/{kind} (raw body,
// antiforgery token in a header), never through the circuit. Progress and the outcome are reported to the .NET
// component; cancelling aborts the request, and the server keeps nothing of it.
window.kh.upload = (function () {
  var running = {}, next = 0;
  return {
    pick: function (input) { input.click(); },
    start: function (input, url, id, component, maxBytes) {
      var file = input.files && input.files[0];
      if (!file) return null;
      if (maxBytes && file.size > maxBytes) {
        // Refused before sending: a server that stops reading a too-large body looks like a broken connection.
        input.value = "";
        setTimeout(function () { component.invokeMethodAsync("OnFinished", -2, "", 0); }, 0);
        return { id: id, name: file.name, size: file.size };
      }
      var xhr = new XMLHttpRequest(), last = 0, duration = 0, cancelled = false;
      running[id] = { abort: function () { cancelled = true; xhr.abort(); } };
      function finish(status, body) { delete running[id]; component.invokeMethodAsync("OnFinished", status, body || "", Math.round(duration)); }
      if (file.type && file.type.indexOf("video/") === 0) {
        // The video's length, read by the browser from the file's metadata, becomes the lesson's duration.
        var objectUrl = URL.createObjectURL(file), probe = document.createElement("video");
        probe.preload = "metadata";
        probe.onloadedmetadata = function () { if (isFinite(probe.duration)) duration = probe.duration; URL.revokeObjectURL(objectUrl); };
        probe.onerror = function () { URL.revokeObjectURL(objectUrl); };
        probe.src = objectUrl;
      }
      // A fresh antiforgery token for this post (the page may have been open for hours).
      fetch("/api/antiforgery-token", { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error("token " + r.status); return r.json(); })
        .then(function (t) {
          if (cancelled) { finish(-1, ""); return; }
          xhr.open("POST", url + "?name=" + encodeURIComponent(file.name));
          xhr.setRequestHeader(t.header, t.token);
          xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
          xhr.upload.onprogress = function (e) {
            var now = Date.now();
            if (now - last < 200 && e.loaded < e.total) return;
            last = now;
            component.invokeMethodAsync("OnProgress", e.loaded, e.total);
          };
          xhr.onload = function () { finish(xhr.status, xhr.responseText); };
          xhr.onerror = function () { finish(0, ""); };
          xhr.onabort = function () { finish(-1, ""); };
          xhr.send(file);
        })
        .catch(function () { finish(0, ""); });
      input.value = "";
      return { id: id, name: file.name, size: file.size };
    },
    cancel: function (id) { if (running[id]) running[id].abort(); }
  };
})();
