// Mention autocomplete: type "@" and two letters in a post; the thread's JSON endpoint answers
// with people who can read the thread and its organisations; choosing one inserts "@[Name]".
// Keyboard: arrows move, Enter or Tab chooses, Escape closes.
(function () {
  "use strict";
  var form = document.querySelector("form[data-mentions-url]");
  if (!form) { return; }
  var input = form.querySelector("textarea[data-mention-input]");
  var list = document.getElementById("mention-suggestions");
  if (!input || !list) { return; }
  var url = form.getAttribute("data-mentions-url");
  var items = [];
  var active = -1;
  var timer = null;
  var labels = { person: list.getAttribute("data-person") || "", organization: list.getAttribute("data-organization") || "" };

  function current() {
    var before = input.value.slice(0, input.selectionStart);
    var match = /(^|\s)@([^\s@\[\]][^@\[\]\n]{1,40})$/.exec(before);
    return match ? { query: match[2], start: before.length - match[2].length - 1 } : null;
  }
  function close() { list.hidden = true; list.textContent = ""; items = []; active = -1; input.removeAttribute("aria-activedescendant"); }
  function choose(index) {
    var found = current();
    if (!found || !items[index]) { return; }
    var after = input.value.slice(input.selectionStart);
    var text = items[index].insert + " ";
    input.value = input.value.slice(0, found.start) + text + after;
    var caret = found.start + text.length;
    input.setSelectionRange(caret, caret);
    close();
    input.focus();
  }
  function mark() {
    Array.prototype.forEach.call(list.children, function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
    if (active >= 0) { input.setAttribute("aria-activedescendant", "mention-option-" + active); }
  }
  function show(results) {
    close();
    items = results;
    if (!items.length) { return; }
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = "mention-option-" + i;
      li.setAttribute("role", "option");
      li.textContent = item.label;
      var kind = document.createElement("small");
      kind.textContent = labels[item.kind] || "";
      li.appendChild(kind);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    active = 0;
    mark();
    list.hidden = false;
  }
  input.addEventListener("input", function () {
    var found = current();
    if (!found || found.query.length < 2) { close(); return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      fetch(url + "?q=" + encodeURIComponent(found.query), { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { show(data.results || []); })
        .catch(close);
    }, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { active = (active + 1) % items.length; mark(); event.preventDefault(); }
    else if (event.key === "ArrowUp") { active = (active - 1 + items.length) % items.length; mark(); event.preventDefault(); }
    else if (event.key === "Enter" || event.key === "Tab") { choose(active); event.preventDefault(); }
    else if (event.key === "Escape") { close(); }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", "mention-suggestions");
})();
