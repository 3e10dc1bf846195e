/* SPDX-License-Identifier: EUPL-1.2 */
/* The Enter key in a form with a person picker (gedeeld/zoekkeuze.py). A browser sends a form on
   Enter with its first submit button, and in such a form that is the picker's "Zoeken" button:
   Enter in any other field would search instead of save. With this script Enter in the picker's
   search box searches (htmx, on the "search" event), and Enter in another field sends the form
   with its own last submit button, as the user expects. Without JavaScript, Enter searches and
   nothing typed is lost. */
document.addEventListener("keydown", function (gebeurtenis) {
  if (gebeurtenis.key !== "Enter" || gebeurtenis.defaultPrevented) {
    return;
  }
  var veld = gebeurtenis.target;
  if (!(veld instanceof HTMLInputElement) || !veld.form) {
    return;
  }
  var form = veld.form;
  if (!form.querySelector(".bb-zoekkeuze")) {
    return;
  }
  if (veld.closest(".bb-zoekkeuze")) {
    if (veld.type === "search") {
      gebeurtenis.preventDefault();
      veld.dispatchEvent(new Event("search"));
    }
    return;
  }
  var knoppen = form.querySelectorAll('button[type="submit"]:not([name^="zoek-"]), input[type="submit"]');
  if (knoppen.length) {
    gebeurtenis.preventDefault();
    form.requestSubmit(knoppen[knoppen.length - 1]);
  }
});
