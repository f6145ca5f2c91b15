// Behaviour every page shares, as a file of our own (the CSP allows no inline script):
// - a form with data-confirm asks that question before it is sent (suspend a tenant, delete a
//   credential, disable a user); without script the form is sent as it is.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
