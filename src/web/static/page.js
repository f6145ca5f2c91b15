// Behaviour every page shares, as a file of our own (the CSP allows no inline script):
// - a form with data-confirm asks that question before it is sent (suspend a tenant, delete a
//   credential, disable a user); without script the form is sent as it is.
// - a table.sortable sorts by the column whose header is clicked: numbers (a header with
//   data-type=number) by the raw value each cell carries in data-sort, never by its localised
//   text; names alphabetically in the page's language. A first click sorts numbers from the
//   largest and names from A; a second click reverses. Cells without a value sort last either
//   way, ties keep the server's order, and the totals row (in tfoot) stays put. Without script
//   the server's order stays.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  var collator = new Intl.Collator(document.documentElement.lang || undefined, {
    numeric: true,
    sensitivity: "base",
  });

  function sortable(table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) return;
    // Only rows with values move (not the "nothing in this period" line).
    var rows = Array.prototype.filter.call(body.rows, function (row) {
      return row.cells[0] && row.cells[0].hasAttribute("data-sort");
    });
    var order = new Map(rows.map(function (row, i) { return [row, i]; }));
    Array.prototype.forEach.call(head.cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "number";
        var now = th.getAttribute("aria-sort");
        var descending = now ? now === "ascending" : numeric;
        var value = function (row) { return row.cells[index].getAttribute("data-sort") || ""; };
        rows.sort(function (a, b) {
          var x = value(a), y = value(b);
          if (x === "" || y === "") {
            if (x !== y) return x === "" ? 1 : -1;
          } else {
            var c = numeric ? Number(x) - Number(y) : collator.compare(x, y);
            if (c !== 0) return descending ? -c : c;
          }
          return order.get(a) - order.get(b);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      });
    });
    table.setAttribute("data-sortable", "ready");
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), sortable);
})();
