// Filters the findings by rule. The page is complete without this script; it only hides.
(function () {
  var filter = document.getElementById("filter");
  if (!filter) {
    return;
  }
  filter.hidden = false;
  var boxes = Array.prototype.slice.call(filter.querySelectorAll("input[data-rule]"));
  function apply() {
    var on = {};
    boxes.forEach(function (box) { on[box.getAttribute("data-rule")] = box.checked; });
    var shown = 0;
    document.querySelectorAll("article.finding").forEach(function (finding) {
      var visible = on[finding.getAttribute("data-rule")] === true;
      finding.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    document.querySelectorAll("section.file").forEach(function (file) {
      file.hidden = file.querySelector("article.finding:not([hidden])") === null;
    });
    document.querySelectorAll("#files tr[data-rules]").forEach(function (row) {
      row.hidden = !row.getAttribute("data-rules").split(" ").some(function (rule) {
        return on[rule] === true;
      });
    });
    document.getElementById("shown").textContent = String(shown);
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  // report.html#rule=TX002 opens with that rule only, so a link can point at one rule.
  var wanted = /^#rule=(TX[0-9]+)$/.exec(window.location.hash);
  if (wanted) {
    boxes.forEach(function (box) { box.checked = box.getAttribute("data-rule") === wanted[1]; });
  }
  apply();
})();
