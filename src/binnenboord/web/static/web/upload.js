/* SPDX-License-Identifier: EUPL-1.2 */
/* Upload progress for the import form (htmx); without JavaScript the form posts normally. */
document.addEventListener("htmx:xhr:progress", function (event) {
  var voortgang = document.getElementById("upload-voortgang");
  if (!voortgang || !event.detail.lengthComputable) { return; }
  voortgang.hidden = false;
  voortgang.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  voortgang.textContent = voortgang.value + "%";
});
