// "Tout sélectionner" boxes of the lists with bulk actions: <input type="checkbox" data-select-all="NAME">
// ticks or unticks every enabled box named NAME of its form, and shows "some" (indeterminate) when only
// part of them are ticked. Without JavaScript the box stays hidden and each row is ticked by hand.
(function () {
  "use strict";
  document.querySelectorAll("input[data-select-all]").forEach(function (master) {
    var form = master.form;
    if (!form) { return; }
    var name = master.getAttribute("data-select-all");
    var boxes = function () {
      return Array.prototype.filter.call(form.elements, function (element) {
        return element.type === "checkbox" && element.name === name && !element.disabled;
      });
    };
    var refresh = function () {
      var all = boxes();
      var ticked = all.filter(function (box) { return box.checked; }).length;
      master.checked = all.length > 0 && ticked === all.length;
      master.indeterminate = ticked > 0 && ticked < all.length;
    };
    master.hidden = false;
    var label = master.labels && master.labels[0];
    if (label) { label.hidden = false; }
    master.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = master.checked; });
      master.indeterminate = false;
    });
    form.addEventListener("change", function (event) {
      if (event.target !== master && event.target.name === name) { refresh(); }
    });
    refresh();
  });
})();
