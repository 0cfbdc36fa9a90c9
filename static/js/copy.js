// "Copier" buttons of the HR relay kit: copy the target field's text and announce it.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.getElementById(button.getAttribute("data-copy-target"));
      if (!field) { return; }
      var done = function () {
        var status = document.getElementById("copie-statut");
        var label = button.getAttribute("data-copied-label") || "OK";
        if (status) { status.textContent = label; }
        var original = button.textContent;
        button.textContent = label;
        window.setTimeout(function () { button.textContent = original; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done);
      } else {
        field.select();
        document.execCommand("copy");
        done();
      }
    });
  });
})();
