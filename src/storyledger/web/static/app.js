// The app's only script: small conveniences; every page works without it.
"use strict";
document.addEventListener("submit", (event) => {
  const form = event.target;
  const button = form.querySelector("button[type=submit]");
  if (button && !button.disabled) {
    button.disabled = true;
    button.dataset.label = button.textContent;
    button.textContent = "Reading the articles…";
    // Re-enable if the user comes back (bfcache) so the form is never stuck.
    window.addEventListener("pageshow", () => {
      button.disabled = false;
      button.textContent = button.dataset.label;
    }, { once: true });
  }
});
