// riskloop web UI behaviour that HTML alone cannot give. Loaded as a file (the CSP allows no
// inline scripts); everything works without it except opening dialogs.
(function () {
  "use strict";

  // <button data-dialog="ID"> opens the <dialog id="ID"> as a modal (focus moves into it and Esc
  // closes it); <button data-close-dialog> closes the dialog it is in.
  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-dialog"));
      if (dialog && typeof dialog.showModal === "function") {
        event.preventDefault();
        dialog.showModal();
        var first = dialog.querySelector("input:not([type=hidden]), select, textarea");
        if (first) first.focus();
      }
      return;
    }
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      var open = closer.closest("dialog");
      if (open) {
        event.preventDefault();
        open.close();
      }
    }
  });

  // Plain (non-htmx) forms marked data-busy show their busy message and cannot be sent twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-busy")) return;
    var busy = form.querySelector(".busy");
    if (busy) busy.classList.remove("htmx-indicator");
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  });

  // After htmx replaced part of the page, move focus to an element that asks for it (the first
  // field of a form just opened for editing, or the first error), so keyboard users stay in place.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.elt;
    if (!target || !target.querySelector) return;
    var wanted = target.querySelector("[aria-invalid=true], [data-autofocus]");
    if (wanted) wanted.focus();
  });

  // Tabs that are links to the same page showing another section (<nav data-keep-focus>): after
  // choosing one, keyboard focus stays on the chosen tab instead of starting again at the top.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-keep-focus] a");
    if (link) sessionStorage.setItem("riskloop-keep-focus", link.closest("[data-keep-focus]").id);
  });
  var kept = sessionStorage.getItem("riskloop-keep-focus");
  if (kept) {
    sessionStorage.removeItem("riskloop-keep-focus");
    var chosen = document.querySelector("#" + CSS.escape(kept) + " [aria-current=page]");
    if (chosen) chosen.focus();
  }

  // A dialog whose form htmx sent successfully closes itself.
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !event.detail.successful) return;
    var dialog = elt.closest && elt.closest("dialog");
    if (dialog && dialog.open) dialog.close();
  });
})();
