/* SPDX-License-Identifier: EUPL-1.2 */
/* "Select all" of a list with a bulk action: the checkbox [data-kies-alles="NAME"] ticks or
   clears every checkbox named NAME in its form, and shows mixed when some are ticked. Without
   JavaScript it stays hidden and the user ticks the rows one by one. */
(function () {
  function rijen(alles) {
    return Array.prototype.slice.call(
      alles.form.querySelectorAll('input[type="checkbox"][name="' + alles.dataset.kiesAlles + '"]')
    );
  }
  function bijwerken(alles) {
    var aangevinkt = rijen(alles).filter(function (vak) { return vak.checked; }).length;
    alles.checked = aangevinkt > 0 && aangevinkt === rijen(alles).length;
    alles.indeterminate = aangevinkt > 0 && !alles.checked;
  }
  function start() {
    document.querySelectorAll("input[data-kies-alles]").forEach(function (alles) {
      var cel = alles.closest("[hidden]");
      if (cel) { cel.hidden = false; }
      alles.hidden = false;
      alles.addEventListener("change", function () {
        rijen(alles).forEach(function (vak) { vak.checked = alles.checked; });
        alles.indeterminate = false;
      });
      alles.form.addEventListener("change", function (event) {
        if (event.target !== alles && event.target.name === alles.dataset.kiesAlles) {
          bijwerken(alles);
        }
      });
      bijwerken(alles);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
